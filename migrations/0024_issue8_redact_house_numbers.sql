-- PDPA (issue 8, found by test/public-personal-data.test.ts): house numbers were left in the public text of a case
-- ("บ้านเลขที่ 73/1448"), which the board, Open311 and readers above the handlers show. New reports redact them
-- (cases/case-rules.ts redactPersonalData); this applies the same patterns to the reports already stored, and drops
-- the numbers after "เลข ที่" / "บ้าน" from their public search words. The full description stays for handlers.
UPDATE cases
SET public_text = btrim(regexp_replace(
      regexp_replace(regexp_replace(regexp_replace(public_text,
        'บ้าน\s*เลขที่\s*[0-9๐-๙]+(\s*/\s*[0-9๐-๙]+)*', '[ข้อมูลส่วนบุคคล]', 'g'),
        '(เลขที่|บ้าน)\s*[0-9๐-๙]+(\s*/\s*[0-9๐-๙]+)+', '[ข้อมูลส่วนบุคคล]', 'g'),
        '\y(house|home)\s*(no\.?|number)\s*[0-9]+(\s*/\s*[0-9]+)*', '[ข้อมูลส่วนบุคคล]', 'gi'),
      '(\[ข้อมูลส่วนบุคคล\]\s*)+', '[ข้อมูลส่วนบุคคล] ', 'g')),
    public_search_text = regexp_replace(public_search_text, '(เลข ที่|บ้าน|no|number)( [0-9]+)+', '\1', 'g')
WHERE public_text ~ 'บ้าน\s*เลขที่\s*[0-9๐-๙]|(เลขที่|บ้าน)\s*[0-9๐-๙]+\s*/\s*[0-9๐-๙]'
   OR public_text ~* '\y(house|home)\s*(no\.?|number)\s*[0-9]';
