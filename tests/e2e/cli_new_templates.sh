#!/bin/sh
# `new`, `templates`, `template check`, global options.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 1

expect_status 0 "templates" "$CHECKSHEET" templates
check "lists METI" contains "$WORK/out" "meti-cloud-sla       2010        49  Cloud Service Level Checklist"
check "lists the whitepaper" contains "$WORK/out" "iso27017-whitepaper"
LANGUAGE=ja LC_ALL=C.UTF-8 "$CHECKSHEET" templates >"$WORK/out"
check "Japanese titles under LANGUAGE=ja" contains "$WORK/out" "クラウドサービスレベルのチェックリスト"
"$CHECKSHEET" templates --lang ja >"$WORK/out"
check "--lang ja" contains "$WORK/out" "クラウドサービスレベルのチェックリスト"

expect_status 0 "new with subject" "$CHECKSHEET" new -t meti-cloud-sla -o a.yaml --organization 株式会社サンプル --service サンプルクラウド
check "subject written" contains a.yaml "organization: 株式会社サンプル"
check "template version written" contains a.yaml 'template-version: "2010"'
cp a.yaml a.before
expect_status 2 "new refuses to overwrite" "$CHECKSHEET" new -t meti-cloud-sla -o a.yaml
check "names --force" contains "$WORK/err" "--force"
check "the file is untouched" cmp -s a.yaml a.before
expect_status 0 "new --force overwrites" "$CHECKSHEET" new -t iso27017-whitepaper -o a.yaml --force
check "now the whitepaper" contains a.yaml "template: iso27017-whitepaper"
expect_status 2 "new with an unknown template" "$CHECKSHEET" new -t nope -o n.yaml
check "no file left behind" test ! -e n.yaml
expect_status 0 "new to stdout" "$CHECKSHEET" new -t meti-cloud-sla -o -
check "stdout has the kind" contains "$WORK/out" "kind: checksheet/answers"
expect_status 2 "new without -t" "$CHECKSHEET" new -o x.yaml
expect_status 2 "new into a missing directory" "$CHECKSHEET" new -t meti-cloud-sla -o no/such/dir/x.yaml

# templates from XDG_DATA_HOME and by path
mkdir -p "$XDG_DATA_HOME/checksheet/templates"
cat >"$XDG_DATA_HOME/checksheet/templates/mini.yaml" <<'YAML'
kind: checksheet/template
id: mini
version: "1"
title: {ja: ミニ, en: Mini}
sections:
  - id: s
    title: S
    items:
      - {id: plan, no: "1", title: Plan, unit: choice, options: [{id: basic, label: {ja: ベーシック}}, {id: pro}]}
YAML
"$CHECKSHEET" templates >"$WORK/out"
check "user templates are listed" contains "$WORK/out" "mini"
expect_status 0 "new from a user template" "$CHECKSHEET" new -t mini -o m.yaml
printf '  plan: {value: ベーシック}\n' >>m.yaml
sed -i 's/^answers: {}$/answers:/' m.yaml
expect_status 0 "a choice by its label" "$CHECKSHEET" check m.yaml
expect_status 0 "template by path" "$CHECKSHEET" new -t "$XDG_DATA_HOME/checksheet/templates/mini.yaml" -o p.yaml --force

expect_status 0 "built-in templates pass template check" "$CHECKSHEET" template check \
	"$TOP_SRCDIR/data/templates/meti-cloud-sla.yaml" "$TOP_SRCDIR/data/templates/iso27017-whitepaper.yaml"
cat >bad.yaml <<'YAML'
kind: checksheet/template
id: bad
version: "1"
title: Bad
sections:
  - id: s
    title: S
    items:
      - {id: a, no: "1", title: A, unit: percent, min: 10, max: 5}
      - {id: a, no: "2", title: B, unit: hours}
YAML
expect_status 1 "a bad template" "$CHECKSHEET" template check bad.yaml
check "min > max reported" contains "$WORK/out" "bad.yaml:9:56: error: item a: min is greater than max"
check "unknown unit reported" contains "$WORK/out" 'unknown unit "hours"'
check "duplicate id reported" contains "$WORK/out" 'duplicate item id "a"'
expect_status 2 "template check needs files" "$CHECKSHEET" template check

expect_status 0 "--version" "$CHECKSHEET" --version
check "version printed" contains "$WORK/out" "checksheet "
expect_status 0 "--help" "$CHECKSHEET" --help
for verb in edit check new templates template; do
	check "--help lists $verb" grep -q "^  $verb " "$WORK/out"
done
expect_status 2 "unknown verb" "$CHECKSHEET" --frobnicate
expect_status 2 "no arguments" "$CHECKSHEET"
expect_status 0 "new --help" "$CHECKSHEET" new --help
check "new --help from the table" contains "$WORK/out" "--organization"
LANGUAGE=ja LC_ALL=C.UTF-8 "$CHECKSHEET" --help >"$WORK/out"
check "help in Japanese" contains "$WORK/out" "使い方"
expect_status 2 "edit without a terminal" "$CHECKSHEET" a.yaml
check "says a terminal is needed" contains "$WORK/err" "terminal"
