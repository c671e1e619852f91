# Sourced by every walkthrough's run.sh: runs from the repository root, finds the sagesim binary
# (SAGESIM, or a release build made here) and the output folder (OUT, or a fresh temporary one).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${SAGESIM:-}" ]; then
  swift build -c release --product sagesim >/dev/null
  SAGESIM="$(swift build -c release --show-bin-path)/sagesim"
fi
out="${OUT:-$(mktemp -d)}"
