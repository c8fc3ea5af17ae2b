#!/usr/bin/env bash
# bash-complete.sh LINE: what bash's programmable completion offers for LINE (the cursor at its end), one per
# line. Sources `latch completion bash` in a real bash and calls its function with the COMP_* variables bash
# sets: COMP_WORDS split at blanks and at the ':' in COMP_WORDBREAKS (so latch://x is three words).
set -u
source <(latch completion bash)
complete -p latch >/dev/null || exit 9
COMP_LINE="$1"
COMP_POINT=${#COMP_LINE}
read -r -a COMP_WORDS <<< "$(sed 's/:/ : /g' <<< "$1")"
if [[ "$1" =~ [[:space:]]$ ]]; then COMP_WORDS+=(""); fi
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_latch_complete latch "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]:-}"
if (( ${#COMPREPLY[@]} )); then printf '%s\n' "${COMPREPLY[@]}"; fi
