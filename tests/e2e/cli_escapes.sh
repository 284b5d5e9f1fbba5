#!/bin/sh
# Never trust a file: text from a stranger's answers file, template or
# file name never acts on the reader's terminal. In a real terminal
# (tmux): the pane title stays, the screen is not cleared, no clipboard
# buffer is made (OSC 52), and the escapes show as text (^[]0;pwned^G).
. "$TOP_SRCDIR/tests/lib.sh"
require_tmux
cd "$WORK" || exit 1

ESC=$(printf '\033')
RLO=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE

# The answers: YAML's own escapes (\e \a \u202E) make the raw controls.
# The unknown item and the values come last, so their messages are the
# last lines check prints: a clear screen would wipe the lines above.
printf '%s\n' \
	'kind: checksheet/answers' \
	'template: meti-cloud-sla' \
	'language: ja' \
	'subject:' \
	'  organization: "Evil\e]0;pwned\a Corp\e[2J"' \
	'  service: "svc\e]52;c;cHduZWQ=\a \u202Eabc"' \
	'answers:' \
	'  availability-rate:' \
	'    value: "99\e]0;pwned\a%"' \
	'    note: "n\e]52;c;cHduZWQ=\a\e[2J\u202E"' \
	'  data-location-policy:' \
	'    value: "last\e]0;pwned\a\e]52;c;cHduZWQ=\a\e[2J\u202Eend"' \
	'    note: "![img](http://evil.example/x.png) [link](http://evil.example/) <img src=http://evil.example/y.png>"' \
	'  "x-\e]52;c;cHduZWQ=\a\e[2J\u202Eevil": {value: v}' >evil.yaml

# A template whose title and version hold the same.
mkdir tpl
printf '%s\n' \
	'kind: checksheet/template' \
	'id: evil' \
	'version: "1\e[2J"' \
	'title: "Evil\e]0;pwned\a\e]52;c;cHduZWQ=\a\e[2J\u202Etitle"' \
	'sections:' \
	'  - id: s' \
	'    title: S' \
	'    items:' \
	'      - {id: a, no: "1", title: "A\e]0;pwned\a", unit: text}' >tpl/evil.yaml

# --- without a terminal: no control byte in any message -------------------

no_controls() { ! grep -q "$ESC\|$RLO" "$1"; }

expect_status 1 "check of the hostile file" "$CHECKSHEET" check evil.yaml
check "check: no ESC or U+202E in the output" no_controls "$WORK/out"
check "check: the title escape is visible" contains "$WORK/out" '"99^[]0;pwned^G%" does not read as a percentage'
check "check: an unknown item's id is visible" contains "$WORK/out" 'unknown item "x-^[]52;c;cHduZWQ=^G^[[2J<U+202E>evil"'
"$CHECKSHEET" check --format json evil.yaml >json.out
check "check json: no ESC or U+202E" no_controls json.out
check "check json: ESC as \\u001b" contains json.out '\u001b]0;pwned\u0007'
check "check json: U+202E as \\u202e" contains json.out '\u202eevil'
if command -v python3 >/dev/null; then
	check "check json parses" python3 -c "import json; json.load(open('json.out'))"
fi

CHECKSHEET_TEMPLATE_PATH="$WORK/tpl" "$CHECKSHEET" templates >tpl.out 2>&1
check "templates: no ESC or U+202E" no_controls tpl.out
check "templates: the title is visible" contains tpl.out 'Evil^[]0;pwned^G^[]52;c;cHduZWQ=^G^[[2J<U+202E>title'
"$CHECKSHEET" template check tpl/evil.yaml >tcheck.out 2>&1
check "template check: no ESC or U+202E" no_controls tcheck.out

# a file name can hold ESC too
evilname=$(printf 'name\033]0;pwned\007.yaml')
expect_status 2 "a missing file with ESC in its name" "$CHECKSHEET" check "$evilname"
check "the name is shown visible" contains "$WORK/out" 'name^[]0;pwned^G.yaml: error: cannot open'
check "no ESC in the message" no_controls "$WORK/out"
"$CHECKSHEET" "$evilname" 2>name.err
check "an unknown command with ESC is shown visible" contains name.err 'unknown command "name^[]0;pwned^G.yaml"'
"$CHECKSHEET" export -f "$(printf 'md\033[2J')" evil.yaml 2>fmt.err
check "an unknown format with ESC is shown visible" contains fmt.err 'unknown format "md^[[2J"'

# import: the per-row messages quote the cells
printf 'No.,項目,回答,補足\n5,稼働率,99.9%%,n\033[2J\n\033]52;c;cHduZWQ=\007,\342\200\256title,x,y\n' >sheet.csv
"$CHECKSHEET" import -t meti-cloud-sla sheet.csv -o imported.yaml >import.out 2>&1
check "import: no ESC or U+202E in its messages" no_controls import.out
check "import: the skipped row is shown visible" contains import.out 'no item has No. "^[]52;c;cHduZWQ=^G" or title "<U+202E>title"'

# export into a pipe or a file: the exact bytes, nothing escaped
"$CHECKSHEET" export -f md evil.yaml >piped.md
expect_status 0 "export -o" "$CHECKSHEET" export -f md -o file.md evil.yaml
check "export to a pipe and to a file agree" cmp -s piped.md file.md
check "export to a pipe keeps the bytes" grep -q "pwned$(printf '\007')" piped.md
"$CHECKSHEET" export -f csv evil.yaml >piped.csv
check "csv to a pipe keeps the bytes" grep -q "$ESC" piped.csv

# Markdown: a note is Markdown and passes through, but no image (a
# remote load when the document is viewed) and no HTML from an answer
check "md: no image syntax" sh -c "! grep -q '!\[img\](' file.md"
check "md: the image shows as its text" contains file.md '!\[img](http://evil.example/x.png)'
check "md: an http link stays a link" contains file.md '[link](http://evil.example/)'
check "md: raw HTML is text" contains file.md '&lt;img src=http://evil.example/y.png>'
check "md: no tag from an answer" sh -c "! grep -q '<img' file.md"
check "md: the template's title stays a heading" contains file.md '# クラウドサービスレベルのチェックリスト'

# --- in a terminal ---------------------------------------------------------

# run_in_pane COLS ROWS COMMAND: BEFORE-MARK, then (once clipboard buffers
# are on and the title noted) the command.
run_in_pane() {
	tui_start "$1" "$2" "printf 'BEFORE-MARK\\n'; read _; $3"
	wait_for "BEFORE-MARK" >/dev/null
	# on: an application's OSC 52 makes a tmux buffer (the default only
	# passes it on to the outer terminal, where the test cannot see it)
	tmux -L "$SOCKET" set-option -g set-clipboard on
	title_before=$(tmux -L "$SOCKET" display -p '#{pane_title}')
	buffers_before=$(tmux -L "$SOCKET" list-buffers 2>/dev/null | wc -l)
	keys Enter
	wait_for "[exit " 10 >/dev/null
	settle
}

title_kept() { [ "$(tmux -L "$SOCKET" display -p '#{pane_title}')" = "$title_before" ]; }
no_new_buffer() { [ "$(tmux -L "$SOCKET" list-buffers 2>/dev/null | wc -l)" -eq "$buffers_before" ]; }
# the screen with wrapped lines joined
shows() { tmux -L "$SOCKET" capture-pane -p -J | grep -qF -- "$1"; }

# The test itself: the raw bytes do retitle, clear and copy in this pane.
run_in_pane 100 60 "printf '\\033]0;pwned\\007\\033]52;c;cHduZWQ=\\007\\033[2J'"
check "control: raw OSC 0 retitles the pane" sh -c "[ \"\$(tmux -L '$SOCKET' display -p '#{pane_title}')\" = pwned ]"
check "control: raw OSC 52 makes a buffer" sh -c "tmux -L '$SOCKET' show-buffer | grep -q pwned"
check "control: raw ED 2 clears the screen" sh -c "! tmux -L '$SOCKET' capture-pane -p | grep -q BEFORE-MARK"

# check: its 51 lines fit in 70 rows, so BEFORE-MARK stays in view
run_in_pane 200 70 "$CHECKSHEET check evil.yaml"
check "check: the pane title is unchanged" title_kept
check "check: no clipboard buffer" no_new_buffer
check "check: the screen is not cleared" shows "BEFORE-MARK"
check "check: the missing answers still show" shows "No.48 二次記憶媒体の安全性対策: a required answer is missing"
check "check: ESC shows as ^[" shows '"99^[]0;pwned^G%"'
check "check: OSC 52 shows as text" shows 'x-^[]52;c;cHduZWQ=^G^[[2J<U+202E>evil'
check "check: exit 1" shows "[exit 1]"

# export -f md to the terminal: the last item's value and note hold the
# escapes, so its heading (printed just before) would be cleared away
run_in_pane 120 40 "$CHECKSHEET export -f md evil.yaml"
check "md: the pane title is unchanged" title_kept
check "md: no clipboard buffer" no_new_buffer
check "md: the screen is not cleared" shows "### 49 データの外部保存方針"
check "md: the escapes show as text" shows 'last^[]0;pwned^G^[]52;c;cHduZWQ=^G^[[2J<U+202E>end'
check "md: exit 0" shows "[exit 0]"

# export -f csv to the terminal: no BOM shown, CRLF kept as line ends
run_in_pane 200 40 "$CHECKSHEET export -f csv evil.yaml"
check "csv: the pane title is unchanged" title_kept
check "csv: no clipboard buffer" no_new_buffer
check "csv: the escapes show as text" shows 'last^[]0;pwned^G^[]52;c;cHduZWQ=^G^[[2J<U+202E>end'
check "csv: no ^M at line ends" sh -c "! tmux -L '$SOCKET' capture-pane -p | grep -qF '^M'"
check "csv: no BOM shown" sh -c "! tmux -L '$SOCKET' capture-pane -p -S - | grep -qF '<U+FEFF>'"

# xlsx to the terminal is refused, with a hint
run_in_pane 120 20 "$CHECKSHEET export -f xlsx evil.yaml"
check "xlsx to a terminal is refused" shows "use -o FILE"
check "xlsx: exit 2" shows "[exit 2]"

# templates with a hostile template
run_in_pane 120 20 "CHECKSHEET_TEMPLATE_PATH='$WORK/tpl' $CHECKSHEET templates"
check "templates: the pane title is unchanged" title_kept
check "templates: no clipboard buffer" no_new_buffer
check "templates: the screen is not cleared" shows "BEFORE-MARK"
check "templates: the title shows as text" shows 'Evil^[]0;pwned^G^[]52;c;cHduZWQ=^G^[[2J<U+202E>title'
check "templates: the built-in ones still listed" shows "meti-cloud-sla"

# review mode and the editor show the escapes as visible text too, never
# as '?' and never raw
tui_start 100 40 "$CHECKSHEET review evil.yaml"
tmux -L "$SOCKET" set-option -g set-clipboard on
title_before=$(tmux -L "$SOCKET" display -p '#{pane_title}')
buffers_before=$(tmux -L "$SOCKET" list-buffers 2>/dev/null | wc -l)
wait_for "REVIEW evil.yaml" >/dev/null
keys : 5 Enter
check "review: the value shows its escape" wait_for '99^[]0;pwned^G%'
check "review: the note shows its escapes" wait_for 'n^[]52;c;cHduZWQ=^G^[[2J<U+202E>'
check "review: the pane title is unchanged" title_kept
check "review: no clipboard buffer" no_new_buffer
keys ']' ']' ']' ']' ']' ']' ']' ']'
check "review: the unknown item's id shows as text" wait_for 'x-^[]52;c;cHduZWQ=^G^[[2J<U+202E>evil'
keys C-q
wait_for "Save changes" >/dev/null
keys n
wait_for "[exit 0]" >/dev/null
tui_start 100 40 "$CHECKSHEET evil.yaml"
wait_for "evil.yaml" >/dev/null
keys i
check "editor: the subject shows its escapes" wait_for 'Evil^[]0;pwned^G Corp^[[2J'
check "editor: the pane title is unchanged" title_kept
keys Escape C-q
wait_for "[exit 0]" >/dev/null
