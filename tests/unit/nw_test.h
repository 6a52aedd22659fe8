/* nw_test.h - what every cmocka unit test includes, in the order cmocka needs. */
#ifndef NW_TEST_H
#define NW_TEST_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Decodes C-style escapes (\n \t \\ \xHH) of a TSV field in place; returns
 * the decoded length (the result may contain NUL bytes). */
static inline size_t nw_test_unescape(char *s) {
        char *o = s;
        const char *p = s;
        while (*p) {
                if (*p == '\\' && p[1]) {
                        p++;
                        switch (*p) {
                        case 'n': *o++ = '\n'; p++; break;
                        case 't': *o++ = '\t'; p++; break;
                        case 'r': *o++ = '\r'; p++; break;
                        case '0': *o++ = '\0'; p++; break;
                        case 'x': {
                                unsigned v = 0;
                                sscanf(p + 1, "%2x", &v);
                                *o++ = (char)v;
                                p += 3;
                                break;
                        }
                        default: *o++ = *p++; break;
                        }
                } else {
                        *o++ = *p++;
                }
        }
        *o = '\0';
        return (size_t)(o - s);
}
#endif
