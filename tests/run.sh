#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite twice:
# a normal build (gcc, warnings as errors) and a sanitizer build (gcc,
# AddressSanitizer + UndefinedBehaviorSanitizer, whose runtimes come with
# gcc on Debian). A clang build proves the code warning-free there too.
# Each suite runs with TMPDIR set to an empty folder that must still be
# empty afterwards: no test leaves a file outside its trash directory.
# Prints the time of each phase and the total. Safe to run again, from any
# directory.
set -eu

start=$(date +%s)
phase_start=$start
timings=""

# phase <name>: the time since the previous phase goes to its name.
phase() {
	now=$(date +%s)
	timings="$timings$(printf '    %-34s %4ds' "$1" $((now - phase_start)))
"
	phase_start=$now
}

# suite <build dir>: the whole suite, then the check that TMPDIR is empty.
# The folder is made in the system's temporary folder: inside the source
# tree, the trash directories would be inside align's own git repository.
suite() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/align-run.XXXXXX")
	TMPDIR=$tmp meson test -C "$1" --print-errorlogs
	if [ -n "$(ls -A "$tmp")" ]; then
		echo "==> tests left files outside their trash directory:" >&2
		ls -A "$tmp" >&2
		exit 1
	fi
	rmdir "$tmp"
}

# setup <build dir> <compiler> [<option>...]: a build with the man pages
# (scdoc is installed above), also for a folder set up before it was.
setup() {
	dir=$1 cc=$2
	shift 2
	if [ -f "$dir/build.ninja" ]; then
		# --reconfigure also learns options added since the folder was set up.
		CC=$cc meson setup --reconfigure "$dir" -Dman-pages=enabled "$@" \
			>/dev/null
	else
		CC=$cc meson setup "$dir" -Dman-pages=enabled "$@"
	fi
}

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

need=""
# chromium: t1010 loads the HTML report in it (and skips without it).
for pkg in meson ninja-build pkg-config gcc clang libgit2-dev libcmark-dev \
	libinih-dev git util-linux scdoc man-db python3 python3-jsonschema \
	chromium; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
		need="$need $pkg"
done
if [ -n "$need" ]; then
	echo "==> installing:$need"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
fi
phase "install"

echo "==> build (gcc, fault points for the crash tests) in build/"
setup build gcc -Dfault_injection=true
meson compile -C build
phase "build (gcc)"

echo "==> test (gcc)"
suite build
phase "test (gcc)"

echo "==> build (clang, warnings as errors) in build-clang/"
setup build-clang clang
meson compile -C build-clang
phase "build (clang)"

echo "==> build (gcc, address + undefined sanitizers) in build-asan/"
setup build-asan gcc -Db_sanitize=address,undefined -Dfault_injection=true
meson compile -C build-asan
phase "build (sanitizers)"

echo "==> test (sanitizers)"
suite build-asan
phase "test (sanitizers)"

echo "==> all tests passed; time per phase:"
printf '%s' "$timings"
printf '    %-34s %4ds (load average: %s)\n' total $(($(date +%s) - start)) \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
# On a shared machine the wall time says little: the CPU time does. The
# second line of times is every build and test (user, then system).
echo "    cpu time (run.sh, then builds and tests; user system):"
times
