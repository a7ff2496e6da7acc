#include <libpq-fe.h>

/* A cell's text and its length, or NULL for SQL NULL, in one call: a listing reads four hundred
   cells a page, each through these three. */
static inline const char *chancery_pq_cell(const PGresult *result, int row, int column, int *length) {
    if (PQgetisnull(result, row, column)) return NULL;
    *length = PQgetlength(result, row, column);
    return PQgetvalue(result, row, column);
}
