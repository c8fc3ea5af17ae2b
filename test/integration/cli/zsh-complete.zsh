# zsh -f zsh-complete.zsh LINE...: what zsh's completion system offers for each LINE (the cursor at its end),
# with `latch completion zsh` loaded after compinit in an interactive zsh on a pseudo-terminal (zpty), TAB
# pressed as a user presses it. For each LINE, printed: the candidates the completion functions added (sorted,
# one per line; _files's too), then the line as TAB left it after a \x1f, then a line holding only \x1e.
emulate -L zsh
zmodload zsh/zpty zsh/zselect || exit 9
local out=$(mktemp) zdot=$(mktemp -d) line junk
# ZDOTDIR: no rc file of this machine's (compinit's dump file would go there too; -D writes none).
zpty z ZDOTDIR=$zdot zsh -f -i
zpty -w z "PS1='' RPS1=''"
zpty -w z 'autoload -Uz compinit && compinit -u -D'
zpty -w z 'source <(latch completion zsh) || print -u2 zsh-complete: the script did not load'
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no"
# Every candidate added (compadd as _latch, and _files through it, call it), written to the file.
zpty -w z "compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi
  local -a hits; builtin compadd -A hits \"\$@\"
  (( \$#hits )) && print -rl -- \$hits >> $out
  builtin compadd \"\$@\"
}"
# TAB completes, then writes the line and the end mark: the next LINE is typed only once this one is complete
# (zle skips a completion while typed-ahead input waits).
zpty -w z "_zc_tab() { zle complete-word; print -r -- \$'\\x1f'\$BUFFER\$'\\n\\x1e' >> $out }; zle -N _zc_tab; bindkey '^I' _zc_tab"
for line in "$@"; do
  : > $out
  zpty -n -w z "$line"$'\t'
  local -i polls=0
  until [[ -s $out && $(tail -n 1 $out) == $'\x1e' ]]; do
    (( polls++ < 1000 )) || { print -u2 "zsh-complete: no completion for '$line' after 20 s"; exit 8 }
    while zpty -r -t z junk 2>/dev/null; do :; done  # drain the terminal's output: zsh never blocks writing it
    zselect -t 2
  done
  grep -v $'^[\x1e\x1f]' $out | LC_ALL=C sort -u
  grep $'^[\x1e\x1f]' $out
  zpty -n -w z $'\x15'  # ^U: an empty line for the next LINE
done
zpty -d z
rm -rf $out $zdot
