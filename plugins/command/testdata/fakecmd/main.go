// Command fakecmd is a small program the command plugin's tests run. Its
// first argument says what to do.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fail(2, "usage: fakecmd MODE [ARG...]")
	}
	args := os.Args[2:]
	switch os.Args[1] {
	case "json":
		fmt.Println(`[{"id": 1, "user": "alice", "mfa": true}, {"id": 18446744073709551615, "user": "bob", "mfa": false}]`)
	case "csv":
		fmt.Print("user,mfa_active,password_last_used\nalice,true,2024-05-01T10:00:00+00:00\nbob,false,N/A\n")
	case "env":
		dir, _ := os.Getwd()
		json.NewEncoder(os.Stdout).Encode(map[string]any{"env": os.Environ(), "dir": dir, "args": args})
	case "fail":
		code, _ := strconv.Atoi(args[0])
		fail(code, strings.Join(args[1:], " "))
	case "echo-env":
		fmt.Fprintln(os.Stderr, "connecting with token", os.Getenv(args[0]))
		fail(3, "authentication failed")
	case "noisy":
		for i := range 500 {
			fmt.Fprintf(os.Stderr, "progress line %03d\n", i)
		}
		fail(1, "gave up at the end")
	case "sleep":
		d, _ := time.ParseDuration(args[0])
		time.Sleep(d)
	case "stubborn":
		signal.Ignore(os.Interrupt)
		d, _ := time.ParseDuration(args[0])
		time.Sleep(d)
	case "flood":
		n, _ := strconv.Atoi(args[0])
		os.Stdout.Write([]byte(strings.Repeat("x", n)))
	default:
		fail(2, "unknown mode "+os.Args[1])
	}
}

func fail(code int, msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(code)
}
