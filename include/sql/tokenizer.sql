-- The keyword tokenizer: lower case, accents stripped, punctuation and line breaks to spaces; tokens are
-- the space-separated pieces of two or more characters (or one Han, kana or Hangul character), except
-- the stop words below. One definition for both sides: the lake writer builds each day's article_tokens
-- with it (wiredesk.search.build_tokens, in an in-memory DuckDB) and the warehouse splits queries with it
-- (search_terms). Changing it changes search.TOKENIZER_VERSION, and a load then rebuilds the index of a
-- day whose lake tokens were made by the old one.
-- Chinese and Japanese are written without spaces, and Korean glues particles to its words: each Han,
-- kana or Hangul character is a token of its own, so a query's characters must all occur (测试 finds
-- 测 and 试; strlen counts bytes, so one such character passes the two-character floor). The pattern
-- runs only on texts with non-ASCII characters (strlen, in bytes, then exceeds length, in characters).
CREATE OR REPLACE MACRO search_unspaced(s) AS
  CASE WHEN strlen(s) = length(s) THEN s
       ELSE regexp_replace(s, '([\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])', ' \1 ', 'g') END;
CREATE OR REPLACE MACRO search_normalize(s) AS
  list_reduce(
    ['.', ',', ';', ':', '!', '?', '"', '''', '(', ')', '[', ']', '/', '-', '–', '—',
     '“', '”', '‘', '’', '…', '«', '»', '|', '，', '。', '、', '：', '；', '！', '？', '「', '」',
     chr(10), chr(13), chr(9)],
    lambda acc, c: replace(acc, c, ' '),
    search_unspaced(strip_accents(lower(s))));
-- English function words: neither indexed nor looked up, as most search engines do. They are about a
-- third of a news text's tokens and every article holds them, so their postings were 37 % of the index
-- (bench/warehouse_bench.py: 29.5 M → 18.7 M postings per 100k articles) while telling no article from
-- another. Words that are also names or abbreviations ("us", "it" as in IT, "may", "will" as in a
-- testament) are kept unless they are overwhelmingly function words.
CREATE OR REPLACE MACRO search_stop_words() AS
  ['an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'for', 'from', 'had', 'has', 'have', 'he',
   'her', 'his', 'in', 'into', 'is', 'its', 'of', 'on', 'or', 'she', 'than', 'that', 'the', 'their',
   'they', 'this', 'to', 'was', 'were', 'which', 'with', 'would'];
CREATE OR REPLACE MACRO search_terms(q) AS
  list_sort(list_distinct(list_filter(string_split(search_normalize(q), ' '),
    lambda t: strlen(t) >= 2 AND NOT list_contains(search_stop_words(), t))));
