-- The keyword tokenizer: lower case, accents stripped, punctuation and line breaks to spaces; tokens are
-- the space-separated pieces of two or more characters. One definition for both sides: the lake writer
-- builds each day's article_tokens with it (wiredesk.search.build_tokens, in an in-memory DuckDB) and the
-- warehouse splits queries with it (search_terms). Changing it changes search.TOKENIZER_VERSION, and a
-- load then rebuilds the index of a day whose lake tokens were made by the old one.
CREATE OR REPLACE MACRO search_normalize(s) AS
  list_reduce(
    ['.', ',', ';', ':', '!', '?', '"', '''', '(', ')', '[', ']', '/', '-', '–', '—',
     '“', '”', '‘', '’', '…', '«', '»', '|', chr(10), chr(13), chr(9)],
    lambda acc, c: replace(acc, c, ' '),
    strip_accents(lower(s)));
CREATE OR REPLACE MACRO search_terms(q) AS
  list_sort(list_distinct(list_filter(string_split(search_normalize(q), ' '), lambda t: strlen(t) >= 2)));

