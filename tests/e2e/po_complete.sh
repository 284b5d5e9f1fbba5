#!/bin/sh
# Every user-visible string is in po/ja.po and translated: the strings are
# taken from the sources afresh, so a new _() without a translation fails.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$TOP_SRCDIR" || exit 1
if ! command -v xgettext >/dev/null || ! command -v msgfmt >/dev/null; then
	echo "gettext tools missing: skipping"
	trap - EXIT
	exit 77
fi
xgettext --keyword=_ --keyword=N_ --keyword=NP_:1,2 --keyword=NC_:1c,2 --keyword=pgettext:1c,2 --keyword=i18n_text_in:2c,3 --from-code=UTF-8 -o "$WORK/fresh.pot" $(cat po/POTFILES.in)
stats=$(msgfmt --statistics -o /dev/null po/ja.po 2>&1)
check "ja.po is complete ($stats)" sh -c "echo '$stats' | grep -qv 'untranslated\|fuzzy'"
msgattrib --no-obsolete -o "$WORK/ja.po" po/ja.po 2>/dev/null || cp po/ja.po "$WORK/ja.po"
msgcmp "$WORK/ja.po" "$WORK/fresh.pot" >"$WORK/cmp" 2>&1
check "every source string has a Japanese translation" test $? -eq 0
[ -s "$WORK/cmp" ] && head -5 "$WORK/cmp"
check "POTFILES.in lists every source with strings" sh -c '
	for f in $(grep -l "_(\"\|N_(\"" src/*.c src/*/*.c); do grep -qx "$f" po/POTFILES.in || { echo "missing $f"; exit 1; }; done'
