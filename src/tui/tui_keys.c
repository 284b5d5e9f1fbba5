#include <config.h>

#include "tui_keys.h"

#include <curses.h>

#include "../core/i18n.h"

const key_binding key_table[] = {
	{CTX_REVIEW, '1', false, "1", ACT_VERDICT_OK, N_("verdict: ok"), N_("OK")},
	{CTX_REVIEW, '2', false, "2", ACT_VERDICT_QUESTION, N_("verdict: question (needs an answer from the vendor)"), N_("Question")},
	{CTX_REVIEW, '3', false, "3", ACT_VERDICT_NG, N_("verdict: ng (not acceptable)"), N_("NG")},
	{CTX_REVIEW, '0', false, "0", ACT_VERDICT_CLEAR, N_("clear the verdict"), N_("Clear")},
	{CTX_REVIEW, 'c', false, "c", ACT_COMMENT, N_("edit the comment (Tab commits)"), N_("Comment")},
	{CTX_BROWSE, '\n', false, "Enter", ACT_EDIT_VALUE, N_("edit the value (yes/no and choices: pick)"), N_("Edit")},
	{CTX_BROWSE, KEY_ENTER, true, NULL, ACT_EDIT_VALUE, NULL, NULL},
	{CTX_BROWSE, 'e', false, "e", ACT_EDIT_NOTE, N_("edit the note"), N_("Note")},
	{CTX_BROWSE, 'c', false, "c", ACT_EDIT_CASES, N_("conditional answers (cases) or table rows"), NULL},
	{CTX_BROWSE, 'd', false, "d", ACT_CLEAR, N_("clear the answer of the item"), NULL},
	{CTX_NAV, CTRL('s'), false, "^S", ACT_SAVE, N_("save"), N_("Save")},
	{CTX_NAV, CTRL('q'), false, "^Q", ACT_QUIT, N_("quit (asks when there are unsaved changes)"), N_("Quit")},
	{CTX_NAV, 'q', false, "q", ACT_QUIT, N_("quit"), NULL},
	{CTX_NAV, '?', false, "?", ACT_HELP, N_("this help"), N_("Help")},
	{CTX_NAV, KEY_F(1), true, "F1", ACT_HELP, N_("this help"), NULL},
	{CTX_NAV, '/', false, "/", ACT_SEARCH, N_("search titles, descriptions, values and notes"), N_("Search")},
	{CTX_NAV, 'n', false, "n", ACT_SEARCH_NEXT, N_("next match"), NULL},
	{CTX_NAV, 'N', false, "N", ACT_SEARCH_PREV, N_("previous match"), NULL},
	{CTX_NAV, ':', false, ":", ACT_JUMP, N_("jump to an item by its No."), N_("Jump")},
	{CTX_NAV, 'p', false, "p", ACT_NEXT_PROBLEM, N_("next problem (unanswered or invalid)"), N_("Problem")},
	{CTX_NAV, 'P', false, "P", ACT_PREV_PROBLEM, N_("previous problem"), NULL},
	{CTX_NAV, 'f', false, "f", ACT_FILTER, N_("show all items / only items with problems"), NULL},
	{CTX_BROWSE, 'u', false, "u", ACT_UNDO, N_("undo the last change to an item"), N_("Undo")},
	{CTX_BROWSE, CTRL('z'), false, "^Z", ACT_UNDO, N_("undo"), NULL},
	{CTX_NAV, ']', false, "]", ACT_NEXT_SECTION, N_("next section"), NULL},
	{CTX_NAV, '[', false, "[", ACT_PREV_SECTION, N_("previous section"), NULL},
	{CTX_NAV, '\t', false, "Tab", ACT_SWITCH_PANE, N_("switch between sections and items"), NULL},
	{CTX_NAV, KEY_UP, true, "↑ k", ACT_UP, N_("previous item or section"), NULL},
	{CTX_NAV, 'k', false, NULL, ACT_UP, NULL, NULL},
	{CTX_NAV, KEY_DOWN, true, "↓ j", ACT_DOWN, N_("next item or section"), NULL},
	{CTX_NAV, 'j', false, NULL, ACT_DOWN, NULL, NULL},
	{CTX_NAV, KEY_PPAGE, true, "PgUp", ACT_PAGE_UP, N_("page up"), NULL},
	{CTX_NAV, KEY_NPAGE, true, "PgDn", ACT_PAGE_DOWN, N_("page down"), NULL},
	{CTX_NAV, KEY_HOME, true, "Home", ACT_FIRST, N_("first item"), NULL},
	{CTX_NAV, KEY_END, true, "End", ACT_LAST, N_("last item"), NULL},
	{CTX_BROWSE, 'i', false, "i", ACT_META, N_("subject and revision history"), NULL},
	{CTX_BROWSE, 's', false, "s", ACT_STATUS, N_("mark the answer final / draft"), NULL},
	{CTX_NAV, CTRL('l'), false, "^L", ACT_REDRAW, N_("redraw the screen"), NULL},
	/* editing keys: handled by the field itself, listed for the help */
	{CTX_FIELD | CTX_NOTE, 0, false, "← →", ACT_NONE, N_("move by character"), NULL},
	{CTX_FIELD | CTX_NOTE, 0, false, "Home End ^A ^E", ACT_NONE, N_("start / end of the line"), NULL},
	{CTX_FIELD | CTX_NOTE, 0, false, "^K ^U", ACT_NONE, N_("delete to the end / start of the line"), NULL},
	{CTX_FIELD, 0, false, "Enter", ACT_NONE, N_("commit the value"), N_("OK")},
	{CTX_FIELD, 0, false, "Tab", ACT_NONE, N_("commit the value and edit the note"), N_("Note")},
	{CTX_NOTE, 0, false, "Enter", ACT_NONE, N_("new line in the note"), NULL},
	{CTX_NOTE, 0, false, "Tab", ACT_NONE, N_("commit the note"), N_("OK")},
	{CTX_NOTE, 0, false, "↑ ↓", ACT_NONE, N_("move across lines"), NULL},
	{CTX_FIELD | CTX_NOTE, 0, false, "Esc", ACT_NONE, N_("cancel: restore the old text"), N_("Cancel")},
	{CTX_LIST, 0, false, "a", ACT_NONE, N_("add a case or row"), N_("Add")},
	{CTX_LIST, 0, false, "d", ACT_NONE, N_("delete the case or row"), N_("Delete")},
	{CTX_LIST, 0, false, "K J", ACT_NONE, N_("move the row up / down"), NULL},
	{CTX_LIST, 0, false, "Enter", ACT_NONE, N_("edit the case or cell"), N_("Edit")},
	{CTX_LIST, 0, false, "Esc q", ACT_NONE, N_("back to the items"), N_("Back")},
};

const int key_table_count = (int)(sizeof key_table / sizeof *key_table);

action keys_lookup(int key, bool function_key, unsigned context)
{
	for (int i = 0; i < key_table_count; i++) {
		const key_binding *b = &key_table[i];
		if ((b->contexts & context) && b->act != ACT_NONE && b->key == key &&
		    b->function_key == function_key)
			return b->act;
	}
	return ACT_NONE;
}
