import { describe, expect, it } from 'vitest';
import { messagesEn } from './messages-en';
import { messagesEs } from './messages-es';

describe('UI translations', () => {
  it('translate every English string into Spanish, none left empty or untranslated by accident', () => {
    expect(Object.keys(messagesEs).sort()).toEqual(Object.keys(messagesEn).sort());
    for (const [key, text] of Object.entries(messagesEs)) {
      expect(text.trim(), key).not.toBe('');
    }
    const identical = Object.keys(messagesEn).filter(
      (key) => messagesEn[key as keyof typeof messagesEn] === messagesEs[key as keyof typeof messagesEs],
    );
    expect(identical).toEqual([]);
  });
});
