"""`fogline eval`: quality measured on ../shared/eval/dev and the seeds."""
