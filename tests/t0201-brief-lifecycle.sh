#!/bin/sh
. "$(dirname "$0")/lib.sh"

test_done
