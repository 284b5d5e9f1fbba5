#ifndef CHECKSHEET_MARKDOWN_H
#define CHECKSHEET_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* Markdown in notes and text values (doc/checksheet-format.5, "Markdown in
 * notes and text values"): CommonMark with GitHub's tables, autolinks and
 * ~~strikethrough~~, rendered by cmark-gfm into an HTML fragment that is
 * safe to put on a page with no script:
 *  - raw HTML is shown as the text that was typed (escaped, never dropped
 *    and never live);
 *  - a link is live only when it goes to http:, https:, mailto: or is
 *    relative (a path, ?query or #fragment); any other scheme (javascript:,
 *    vbscript:, data:, file:... in any case, with entities or whitespace)
 *    leaves the link's text, followed by the address as plain text;
 *  - an image is never loaded: it becomes a link to its source (under the
 *    same rule) whose text is its alt text, or the alt text alone inside
 *    another link;
 *  - a line break typed in the text is a line break (<br>);
 *  - a single ~ is text (Japanese ranges such as 9:00~18:00), ~~x~~ strikes;
 *  - headings are moved down so that `#` is heading_top (a note never
 *    outranks the page's own headings); past h6 they stay h6.
 * Invalid UTF-8 and NUL bytes show as U+FFFD. */
typedef struct markdown_options {
	int heading_top;  /* the level of a `#` heading: 1..6; 0 is 4 */
} markdown_options;

/* Appends the HTML of len bytes of text to out (block elements: <p>,
 * <ul>, <table>...; nothing for empty text). opt may be NULL. Returns
 * false only when the text is longer than MARKDOWN_MAX_BYTES: it is then
 * appended as escaped plain text in one <p>, line breaks kept. */
#define MARKDOWN_MAX_BYTES (4u << 20)
bool markdown_to_html(const char *text, size_t len, const markdown_options *opt, strbuf *out);

/* Whether a link to url may be live on a published page: http, https,
 * mailto (any case) or no scheme at all, judged as a browser reads the
 * address (leading blanks and control characters, and tabs or line breaks
 * anywhere, ignored). */
bool markdown_link_is_safe(const char *url);

#endif
