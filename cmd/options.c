#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/banned.h"

void opt_list_release(struct opt_list *list)
{
	free(list->items);
	memset(list, 0, sizeof(*list));
}

size_t opts_distance(const char *a, const char *b)
{
	return align_distance(a, b);
}

static const struct opt *find_long(const struct opt *opts, const char *name,
				   size_t len, int *negated)
{
	*negated = 0;
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		if (o->long_name && strlen(o->long_name) == len &&
		    !strncmp(o->long_name, name, len)) {
			return o;
		}
	}
	if (len > 3 && !strncmp(name, "no-", 3)) {
		for (const struct opt *o = opts; o->type != OPT_END; o++) {
			if (o->type == OPT_BOOL && o->long_name &&
			    strlen(o->long_name) == len - 3 &&
			    !strncmp(o->long_name, name + 3, len - 3)) {
				*negated = 1;
				return o;
			}
		}
	}
	return NULL;
}

static void suggest_unknown(const struct opt *opts, const char *arg,
			    size_t len)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	struct align_buf name = ALIGN_BUF_INIT;

	align_buf_add(&name, arg, len);
	for (const struct opt *o = opts; o->type != OPT_END; o++) {
		size_t d;
		if (!o->long_name) {
			continue;
		}
		d = opts_distance(name.ptr, o->long_name);
		if (d < best_d) {
			best_d = d;
			best = o->long_name;
		}
	}
	if (!strcmp(name.ptr, "help")) {
		best = NULL;
	}
	if (best && best_d <= 2) {
		error_msg("unknown option '--%s' (did you mean '--%s'?)",
			  name.ptr, best);
	} else {
		error_msg("unknown option '--%s'", name.ptr);
	}
	align_buf_release(&name);
}

static int (*color_fn)(const char *when);

void opts_on_color(int (*fn)(const char *when))
{
	color_fn = fn;
}

/*
 * `--color` or `--no-color` not in the command's own table, with the
 * value from `eq` or the next argument. Returns 1 when it was one (0 or
 * -1 in `*ret`), 0 when not.
 */
static int common_color(const char *name, size_t len, const char *eq,
			int argc, const char **argv, int *i, int *ret)
{
	const char *when;

	if (!color_fn) {
		return 0;
	}
	if (len == 8 && !strncmp(name, "no-color", 8) && !eq) {
		when = "never";
	} else if (len == 5 && !strncmp(name, "color", 5)) {
		if (eq) {
			when = eq + 1;
		} else if (*i + 1 < argc) {
			when = argv[++*i];
		} else {
			error_msg("option '--color' needs a value");
			*ret = -1;
			return 1;
		}
	} else {
		return 0;
	}
	*ret = color_fn(when);
	return 1;
}

static int check_choice(const struct opt *o, const char *v)
{
	struct align_buf list = ALIGN_BUF_INIT;

	for (size_t i = 0; o->choices[i]; i++) {
		if (!strcmp(o->choices[i], v)) {
			align_buf_release(&list);
			return 0;
		}
		align_buf_addf(&list, "%s%s", i ? ", " : "", o->choices[i]);
	}
	error_msg("invalid value '%s' for --%s (one of: %s)", v, o->long_name,
		  list.ptr);
	align_buf_release(&list);
	return -1;
}

static int apply(const struct opt *o, const char *value, int negated)
{
	switch (o->type) {
	case OPT_BOOL:
		*(int *)o->value = !negated;
		return 0;
	case OPT_CHOICE:
		if (check_choice(o, value) < 0) {
			return -1;
		}
		/* fall through */
	case OPT_STRING:
		*(const char **)o->value = value;
		return 0;
	case OPT_LIST: {
		struct opt_list *l = o->value;
		ALIGN_ARRAY_GROW(l->items, l->alloc, l->count + 1);
		l->items[l->count++] = value;
		return 0;
	}
	case OPT_END:
		break;
	}
	return -1;
}

static const char *opt_label(const struct opt *o, struct align_buf *buf)
{
	align_buf_clear(buf);
	if (o->long_name) {
		align_buf_addf(buf, "--%s", o->long_name);
	} else {
		align_buf_addf(buf, "-%c", o->short_name);
	}
	return buf->ptr;
}

int opts_parse(int argc, const char **argv, const struct opt *opts,
	       const char *const *usage, int flags)
{
	struct align_buf label = ALIGN_BUF_INIT;
	int out = 0, i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strcmp(arg, "--")) {
			i++;
			break;
		}
		/* "-3.5" is a negative number, never options 3, . and 5. */
		if (arg[0] != '-' || !arg[1] ||
		    (arg[1] >= '0' && arg[1] <= '9')) {
			if (flags & OPTS_STOP_AT_NON_OPTION) {
				break;
			}
			argv[out++] = arg;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			opts_usage(stdout, opts, usage);
			align_buf_release(&label);
			return OPTS_HELP;
		}
		if (arg[1] == '-') {
			const char *name = arg + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int negated;
			const struct opt *o = find_long(opts, name, len,
							&negated);
			const char *value = NULL;
			int color_ret;

			if (!o && common_color(name, len, eq, argc, argv, &i,
					       &color_ret)) {
				if (color_ret < 0) {
					goto fail;
				}
				continue;
			}
			if (!o) {
				suggest_unknown(opts, name, len);
				goto fail;
			}
			if (o->type == OPT_BOOL) {
				if (eq) {
					error_msg("option '--%s' takes no value",
						  o->long_name);
					goto fail;
				}
			} else if (eq) {
				value = eq + 1;
			} else if (i + 1 < argc) {
				value = argv[++i];
			} else {
				error_msg("option '--%s' needs a value",
					  o->long_name);
				goto fail;
			}
			if (apply(o, value, negated) < 0) {
				goto fail;
			}
			continue;
		}
		/* Bundled short options: -abc, -mvalue, -m value. */
		for (const char *s = arg + 1; *s; s++) {
			const struct opt *o = NULL;

			for (const struct opt *p = opts; p->type != OPT_END; p++) {
				if (p->short_name == *s) {
					o = p;
					break;
				}
			}
			if (!o) {
				error_msg("unknown option '-%c'", *s);
				goto fail;
			}
			if (o->type == OPT_BOOL) {
				apply(o, NULL, 0);
				continue;
			}
			if (s[1]) {
				if (apply(o, s + 1, 0) < 0) {
					goto fail;
				}
			} else if (i + 1 < argc) {
				if (apply(o, argv[++i], 0) < 0) {
					goto fail;
				}
			} else {
				error_msg("option '%s' needs a value",
					  opt_label(o, &label));
				goto fail;
			}
			break;
		}
	}
	for (; i < argc; i++) {
		argv[out++] = argv[i];
	}
	align_buf_release(&label);
	return out;
fail:
	align_buf_release(&label);
	return OPTS_ERROR;
}

void opts_usage(FILE *out, const struct opt *opts, const char *const *usage)
{
	struct align_buf left = ALIGN_BUF_INIT;

	for (size_t i = 0; usage[i]; i++) {
		fprintf(out, "%s %s\n", i ? "   or:" : "usage:", usage[i]);
	}
	if (opts && opts->type != OPT_END) {
		fputc('\n', out);
	}
	for (const struct opt *o = opts; o && o->type != OPT_END; o++) {
		align_buf_clear(&left);
		if (o->short_name && o->long_name) {
			align_buf_addf(&left, "-%c, --%s", o->short_name,
				       o->long_name);
		} else if (o->short_name) {
			align_buf_addf(&left, "-%c", o->short_name);
		} else {
			align_buf_addf(&left, "    --%s", o->long_name);
		}
		if (o->type != OPT_BOOL) {
			align_buf_addf(&left, " %s", o->argh ? o->argh : "<value>");
		}
		if (left.len < 26) {
			fprintf(out, "    %-26s%s\n", left.ptr, o->help);
		} else {
			fprintf(out, "    %s\n    %26s%s\n", left.ptr, "",
				o->help);
		}
	}
	align_buf_release(&left);
}
