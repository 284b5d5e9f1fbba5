#include <config.h>

#include "markdown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "utf8.h"
#include "xalloc.h"

bool markdown_link_is_safe(const char *url)
{
	if (!url)
		return true;
	/* as a browser's URL parser: leading C0 controls and spaces are
	 * dropped, tabs and line breaks are dropped everywhere */
	const unsigned char *p = (const unsigned char *)url;
	while (*p && *p <= 0x20)
		p++;
	char scheme[16];
	size_t n = 0;
	for (; *p; p++) {
		unsigned char c = *p;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		bool scheme_char = alpha || (n && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
		/* a character no scheme holds (/ ? # or any other) before the
		 * first colon: a relative address */
		if (!scheme_char)
			return true;
		if (n + 1 >= sizeof scheme)
			return false; /* a scheme, and none of the few we allow */
		scheme[n++] = (char)(alpha ? (c | 0x20) : c);
	}
	if (!*p)
		return true; /* no colon: relative */
	scheme[n] = '\0';
	static const char *const allowed[] = {"http", "https", "mailto"};
	for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
		if (strcmp(scheme, allowed[i]) == 0)
			return true;
	return false;
}

/* The text too long for the parser: escaped, one paragraph, line breaks
 * kept, bytes that are not UTF-8 (and NUL) shown as U+FFFD. */
static void plain_paragraph(const char *text, size_t len, strbuf *out)
{
	sb_add(out, "<p>");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == 0xFFFD || cp == 0) {
			sb_add(out, "\xEF\xBF\xBD");
		} else if (n > 1) {
			sb_addn(out, text + i, n);
		} else {
			switch (text[i]) {
			case '&': sb_add(out, "&amp;"); break;
			case '<': sb_add(out, "&lt;"); break;
			case '>': sb_add(out, "&gt;"); break;
			case '"': sb_add(out, "&quot;"); break;
			case '\r': break;
			case '\n': sb_add(out, "<br />\n"); break;
			default: sb_addc(out, text[i]);
			}
		}
		i += n;
	}
	sb_add(out, "</p>\n");
}

/* Nodes the walk found, changed once it is over (a tree is not changed
 * under its iterator). */
typedef struct node_list {
	cmark_node **v;
	size_t n, cap;
} node_list;

static void list_add(node_list *l, cmark_node *node)
{
	XGROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = node;
}

static cmark_node *text_node(const char *s)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, s);
	return t;
}

/* Raw HTML as the text that was typed: an inline tag becomes text, a block
 * a paragraph of its lines. */
static void html_to_text(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	if (!lit)
		lit = "";
	cmark_node *repl;
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
		repl = text_node(lit);
	} else {
		repl = cmark_node_new(CMARK_NODE_PARAGRAPH);
		size_t len = strlen(lit);
		while (len && (lit[len - 1] == '\n' || lit[len - 1] == '\r'))
			len--;
		for (size_t i = 0; i < len;) {
			const char *nl = memchr(lit + i, '\n', len - i);
			size_t end = nl ? (size_t)(nl - lit) : len;
			size_t keep = end;
			if (keep > i && lit[keep - 1] == '\r')
				keep--;
			if (i)
				cmark_node_append_child(repl, cmark_node_new(CMARK_NODE_LINEBREAK));
			char *line = xstrndup(lit + i, keep - i);
			cmark_node_append_child(repl, text_node(line));
			free(line);
			i = end + 1;
		}
	}
	/* a parent that cannot hold the text: the tag goes, never kept live */
	if (!cmark_node_replace(node, repl))
		cmark_node_free(repl);
	cmark_node_free(node);
}

/* Puts a link's or an image's children where it was, then text after
 * them when given, and frees it (and whatever could not be moved: it is
 * never left in the tree). */
static void unwrap(cmark_node *node, const char *after)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(node)))
		if (!cmark_node_insert_before(node, child))
			break;
	if (after) {
		cmark_node *t = text_node(after);
		if (!cmark_node_insert_before(node, t))
			cmark_node_free(t);
	}
	cmark_node_free(node);
}

/* An image loads nothing: a link to its source, the alt text as the
 * link's text (the address when there is none). */
static void image_to_link(cmark_node *img)
{
	cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
	const char *url = cmark_node_get_url(img);
	cmark_node_set_url(link, url ? url : "");
	const char *title = cmark_node_get_title(img);
	if (title && *title)
		cmark_node_set_title(link, title);
	if (!cmark_node_replace(img, link)) {
		cmark_node_free(link);
		unwrap(img, NULL);
		return;
	}
	cmark_node *child;
	while ((child = cmark_node_first_child(img)))
		if (!cmark_node_append_child(link, child))
			break;
	if (!cmark_node_first_child(link))
		cmark_node_append_child(link, text_node(url ? url : ""));
	cmark_node_free(img);
}

/* A link that may not be live: its text stays, and the address follows
 * as text unless the text already is the address (an autolink). */
static void disarm_link(cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	cmark_node *first = cmark_node_first_child(link);
	bool text_is_url = first && !cmark_node_next(first) && cmark_node_get_type(first) == CMARK_NODE_TEXT &&
			   url && cmark_node_get_literal(first) && strcmp(cmark_node_get_literal(first), url) == 0;
	if (!url || !*url || text_is_url) {
		unwrap(link, first ? NULL : url);
		return;
	}
	char *after = xasprintf(" (%s)", url);
	unwrap(link, after);
	free(after);
}

/* An address typed into Japanese text runs on into it: the autolinker
 * stops at blanks, and Japanese has none (「状況は https://status.example
 * でお知らせします」). An autolink (its text is its address) ends at its
 * first character that is not ASCII, once a host with a dot is behind it;
 * the rest is text again. */
static void trim_autolink(cmark_node *link)
{
	cmark_node *first = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link);
	if (!first || cmark_node_next(first) || cmark_node_get_type(first) != CMARK_NODE_TEXT || !url)
		return;
	const char *text = cmark_node_get_literal(first);
	size_t tl = text ? strlen(text) : 0, ul = strlen(url);
	if (!tl || ul < tl || strcmp(url + ul - tl, text) != 0)
		return; /* not an autolink: a link written [text](url) is as typed */
	size_t cut = 0;
	while (cut < tl && !((unsigned char)text[cut] & 0x80))
		cut++;
	const char *host = strstr(text, "://");
	host = host ? host + 3 : text;
	if (cut == tl || text + cut <= host || !memchr(host, '.', (size_t)(text + cut - host)))
		return;
	cmark_node *rest = text_node(text + cut);
	if (!cmark_node_insert_after(link, rest)) {
		cmark_node_free(rest);  /* the link stays whole: as cmark made it */
		return;
	}
	char *head = xstrndup(text, cut), *addr = xstrndup(url, ul - tl + cut);
	cmark_node_set_literal(first, head);
	cmark_node_set_url(link, addr);
	free(head);
	free(addr);
}

/* The whole safety pass over a parsed document (see markdown.h). */
static void make_safe(cmark_node *doc, int heading_top)
{
	node_list html = {0}, images = {0}, nested_images = {0}, nested_links = {0}, links = {0}, autolinks = {0};
	cmark_iter *it = cmark_iter_new(doc);
	size_t in_link = 0; /* links and images around the node */
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		bool linkish = type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE;
		if (ev == CMARK_EVENT_EXIT) {
			if (linkish)
				in_link--;
			continue;
		}
		if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
			list_add(&html, node);
		} else if (type == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(node) + heading_top - 1;
			cmark_node_set_heading_level(node, level > 6 ? 6 : level);
		} else if (type == CMARK_NODE_IMAGE) {
			/* inside another link (or an image that becomes one): the
			 * alt text only, as links do not nest */
			list_add(in_link ? &nested_images : &images, node);
		} else if (type == CMARK_NODE_LINK && in_link) {
			list_add(&nested_links, node);
		} else if (type == CMARK_NODE_LINK) {
			list_add(&autolinks, node);
		}
		if (linkish)
			in_link++;
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < autolinks.n; i++)
		trim_autolink(autolinks.v[i]);
	for (size_t i = 0; i < html.n; i++)
		html_to_text(html.v[i]);
	for (size_t i = 0; i < nested_links.n; i++)
		unwrap(nested_links.v[i], NULL);
	for (size_t i = 0; i < nested_images.n; i++)
		unwrap(nested_images.v[i], NULL);
	/* an image's link is judged like any other: after the images */
	for (size_t i = 0; i < images.n; i++)
		image_to_link(images.v[i]);
	/* links, those made of images too, once every change above is made */
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_LINK &&
		    !markdown_link_is_safe(cmark_node_get_url(node)))
			list_add(&links, node);
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < links.n; i++)
		disarm_link(links.v[i]);
	free(html.v);
	free(images.v);
	free(nested_images.v);
	free(nested_links.v);
	free(links.v);
	free(autolinks.v);
}

bool markdown_to_html(const char *text, size_t len, const markdown_options *opt, strbuf *out)
{
	if (len > MARKDOWN_MAX_BYTES) {
		plain_paragraph(text, len, out);
		return false;
	}
	int top = opt && opt->heading_top >= 1 && opt->heading_top <= 6 ? opt->heading_top : 4;
	cmark_gfm_core_extensions_ensure_registered();
	/* VALIDATE_UTF8: bad bytes become U+FFFD (NUL always does); a single
	 * ~ stays text */
	int parse_opts = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
	cmark_parser *parser = cmark_parser_new(parse_opts);
	static const char *const extensions[] = {"table", "autolink", "strikethrough"};
	for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	make_safe(doc, top);
	/* a typed line break is a line break; cmark's own safe mode stays on
	 * behind ours (it would drop what make_safe has already made text) */
	char *html = cmark_render_html(doc, CMARK_OPT_HARDBREAKS, cmark_parser_get_syntax_extensions(parser));
	sb_add(out, html);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return true;
}
