import { DEMO_SURVEY_DEFINITION } from '../templates/demo-survey';
import { parseCsvRecords, parseTranslationCsv, TranslationImportError, translationsToCsv } from './translation-csv';
import { listTranslatableStrings } from './translations';

const strings = listTranslatableStrings(DEMO_SURVEY_DEFINITION);

describe('the translators’ CSV', () => {
  it('round-trips: what is exported reads back as the same translations', () => {
    const parsed = parseTranslationCsv(translationsToCsv(strings, 'es'), 'es', strings);
    const title = strings.find((s) => s.path === 'pages.0.elements.0.title');
    expect(parsed.texts['pages.0.elements.0.title']).toBe(title?.translations['es']);
    expect(parsed.madeFrom['pages.0.elements.0.title']).toBe(title?.source);
    expect(parsed.texts['completedHtml']).toBe(strings.find((s) => s.path === 'completedHtml')?.translations['es']);
  });

  it('reads quoted fields with commas, quotes and line breaks, and refuses an unclosed quote or a stray one', () => {
    expect(parseCsvRecords('a,"b, ""c""\nd",e\r\nf,g,h\n').map((r) => r.fields)).toEqual([
      ['a', 'b, "c"\nd', 'e'],
      ['f', 'g', 'h'],
    ]);
    expect(() => parseCsvRecords('a,"b\n')).toThrow(TranslationImportError);
    expect(() => parseCsvRecords('a,b"c\n')).toThrow(TranslationImportError);
    expect(() => parseCsvRecords('a,"b"c\n')).toThrow(TranslationImportError);
  });

  it('refuses the whole file with every problem: unknown keys, repeated keys, wrong field counts', () => {
    const csv = ['key,context,format,source,translation_pt', 'nope,x,text,y,z', 'title,x,text,y,z', 'title,x,text,y,z', 'title,x'].join(
      '\n',
    );
    try {
      parseTranslationCsv(csv, 'pt', strings);
      throw new Error('accepted');
    } catch (error) {
      expect((error as TranslationImportError).problems.map((p) => [p.line, p.code])).toEqual([
        [2, 'UNKNOWN_KEY'],
        [4, 'DUPLICATE_KEY'],
        [5, 'FIELDS'],
      ]);
    }
  });

  it('protects cells a spreadsheet would run as formulas, and reads them back as the words', () => {
    const withFormula = strings.map((s) => (s.path === 'title' ? { ...s, translations: { pt: '=1+1' } } : s));
    const csv = translationsToCsv(withFormula, 'pt');
    expect(csv).toContain("'=1+1");
    expect(parseTranslationCsv(csv, 'pt', strings).texts['title']).toBe('=1+1');
  });
});
