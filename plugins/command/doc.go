// Package command is the built-in plugin that runs a program and reads
// its standard output as evidence: JSON, NDJSON, YAML or CSV, decoded
// like a file of that format.
//
// Config attributes:
//
//	program     required; a name looked up in the PATH Assay runs with, or a
//	            path (relative paths start at the folder of the measure files)
//	args        list of arguments, passed as they are: there is no shell, so
//	            no quoting, globbing or $VARIABLES
//	format      required; json, ndjson, yaml or csv: how stdout is read
//	env         map of variables for the program; it gets a clean environment
//	            holding only PATH=/usr/bin:/bin and these (which may set PATH)
//	dir         working folder, relative to the folder of the measure files;
//	            default that folder
//	timeout     how long the program may run; default "60s"
//	kill_after  how long a program that was interrupted (timeout, or the run
//	            cancelled) has to exit before it is killed; default "5s"
//	max_bytes   largest standard output accepted; more stops the program and
//	            is an error; default 67108864 (64 MiB)
//
// When the timeout passes, the program's process group gets SIGINT, and
// SIGKILL after kill_after. A non-zero exit is an *ExitError carrying the
// exit status and the last 2 KiB of standard error. Every error, and the
// file name (the command line), is redacted of the secrets read through
// env(), whether they were passed in args or env.
//
// Example:
//
//	source "iam_users" {
//	  plugin = "command"
//	  config {
//	    program = "aws"
//	    args    = ["iam", "list-users", "--output", "json", "--query", "Users"]
//	    format  = "json"
//	    env     = {
//	      AWS_ACCESS_KEY_ID     = env("AWS_ACCESS_KEY_ID")
//	      AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")
//	      AWS_REGION            = "eu-west-1"
//	    }
//	    timeout = "2m"
//	  }
//	}
package command
