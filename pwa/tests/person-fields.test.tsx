import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insuranceFieldLabels } from '../src/components/InsuranceDocument';
import {
  PersonFields,
  latinReadingOfJapaneseName,
  personFieldLabels,
  sexOptions,
  type PersonValues,
} from '../src/components/PersonFields';
import { lang } from '../src/i18n';
import { birthDateParts, emptyDetails } from '../src/lib/registration-draft';

/**
 * Who the person is (`PersonFields`): the name, its reading, the date of birth and the sex, as
 * the person's own registration and a family member's show them.
 */

let root: HTMLElement;
let changes: Array<{ changes: Partial<PersonValues>; fields: readonly string[] }>;

const q = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);

async function show(
  props: { own?: boolean; values?: Partial<PersonValues>; errors?: Record<string, string> } = {},
) {
  await act(() =>
    render(
      <PersonFields
        form="p"
        values={{ ...emptyDetails(), ...props.values }}
        errors={props.errors ?? {}}
        own={props.own ?? true}
        onChange={(c, fields) => changes.push({ changes: c, fields })}
      />,
      root,
    ),
  );
}

async function type(selector: string, value: string) {
  const input = q<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  lang.value = 'ja';
  changes = [];
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('PersonFields', () => {
  it('asks for the name, its reading, the date of birth and the sex, in that order', async () => {
    await show();
    const ids = Array.from(root.querySelectorAll('input, select, fieldset'))
      .map((el) => el.id)
      .filter(Boolean);
    expect(ids).toEqual([
      'p-name',
      'p-nameKana',
      'p-birthDate',
      'p-birthDate-calendar',
      'p-birthDate-year',
      'p-birthDate-month',
      'p-birthDate-day',
      'p-sex',
      'p-sex-female',
      'p-sex-male',
    ]);
    expect(q('label[for=p-name]')?.textContent).toBe('氏名（漢字）');
    expect(q('#p-name')?.getAttribute('aria-describedby')).toBe('p-name-hint');
    expect(q('#p-sex legend')?.textContent).toBe('性別');
    expect(q('label[for=p-sex-female]')?.textContent).toBe('女性');
  });

  it("lets the browser fill in the person's own name, never a family member's", async () => {
    await show({ own: true });
    expect(q('#p-name')?.getAttribute('autocomplete')).toBe('name');
    await show({ own: false });
    expect(q('#p-name')?.getAttribute('autocomplete')).toBe('off');
  });

  it('takes the reading as Japanese text, never filled in or capitalised by the phone', async () => {
    await show({ own: false });
    const kana = q<HTMLInputElement>('#p-nameKana');
    expect(kana?.getAttribute('lang')).toBe('ja');
    expect(kana?.getAttribute('autocomplete')).toBe('off');
    expect(kana?.getAttribute('autocapitalize')).toBe('off');
    expect(kana?.getAttribute('inputmode')).toBe('text');
  });

  it('shows the values it is given', async () => {
    await show({
      values: {
        name: '山田 花子',
        nameKana: 'やまだ はなこ',
        birthCalendar: 'western',
        birthYear: '1950',
        birthMonth: '4',
        birthDay: '1',
        sex: 'male',
      },
    });
    expect(q<HTMLInputElement>('#p-name')?.value).toBe('山田 花子');
    expect(q<HTMLInputElement>('#p-nameKana')?.value).toBe('やまだ はなこ');
    expect(q<HTMLSelectElement>('#p-birthDate-calendar')?.value).toBe('western');
    expect(q<HTMLInputElement>('#p-birthDate-year')?.value).toBe('1950');
    expect(q<HTMLInputElement>('#p-sex-male')?.checked).toBe(true);
    expect(q('[data-testid=readback-p-birthDate]')?.textContent).toContain('1950年4月1日');
  });

  it('marks each refused field, its error read before its hint', async () => {
    await show({
      errors: {
        name: '入力してください',
        birthDate: '生年月日を確認してください',
        sex: '選んでください',
      },
    });
    const name = q('#p-name');
    expect(name?.getAttribute('aria-invalid')).toBe('true');
    expect(name?.getAttribute('aria-describedby')).toBe('p-name-error p-name-hint');
    expect(q('#p-name-error')?.textContent).toContain('入力してください');
    expect(q('#p-nameKana')?.hasAttribute('aria-invalid')).toBe(false);
    expect(q('#p-birthDate-year')?.getAttribute('aria-invalid')).toBe('true');
    expect(q('#p-birthDate-error')?.textContent).toContain('生年月日を確認してください');
    expect(q('#p-sex-female')?.getAttribute('aria-invalid')).toBe('true');
    expect(q('#p-sex')?.getAttribute('aria-describedby')).toBe('p-sex-error');
  });

  it('says what changed and which field errors it answers', async () => {
    await show();
    await type('#p-name', '山田 花子');
    await type('#p-nameKana', 'やまだ はなこ');
    await type('#p-birthDate-year', '25');
    await type('#p-birthDate-month', '4');
    await type('#p-birthDate-day', '1');
    const calendar = q<HTMLSelectElement>('#p-birthDate-calendar');
    await act(() => {
      calendar!.value = 'H';
      calendar!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => q<HTMLInputElement>('#p-sex-female')?.click());
    expect(changes).toEqual([
      { changes: { name: '山田 花子' }, fields: ['name'] },
      { changes: { nameKana: 'やまだ はなこ' }, fields: ['nameKana'] },
      { changes: { birthYear: '25' }, fields: ['birthDate'] },
      { changes: { birthMonth: '4' }, fields: ['birthDate'] },
      { changes: { birthDay: '1' }, fields: ['birthDate'] },
      { changes: { birthCalendar: 'H' }, fields: ['birthDate'] },
      { changes: { sex: 'female' }, fields: ['sex'] },
    ]);
  });
});

describe('the labels and answers the registration forms share', () => {
  it("names the person's fields for the error summary, in the chosen language", () => {
    expect(personFieldLabels()).toEqual({
      name: '氏名（漢字）',
      nameKana: '氏名（フリガナ）',
      birthDate: '生年月日',
      sex: '性別',
    });
    lang.value = 'en';
    expect(personFieldLabels()['nameKana']).toBe('Full name in kana (furigana)');
    expect(sexOptions()).toEqual([
      { value: 'female', label: 'Female' },
      { value: 'male', label: 'Male' },
    ]);
  });

  it("names the document's number as the document calls it", () => {
    expect(insuranceFieldLabels('old_card')['number']).toBe('番号');
    expect(insuranceFieldLabels('late_elderly')['number']).toBe('被保険者番号');
    expect(Object.keys(insuranceFieldLabels(''))).toEqual([
      'documentKind',
      'insurerNumber',
      'symbol',
      'number',
      'branch',
      'numbersLater',
    ]);
  });

  it('reads the date of birth out of the details as its four parts', () => {
    expect(
      birthDateParts({ birthCalendar: 'S', birthYear: '25', birthMonth: '4', birthDay: '1' }),
    ).toEqual({ calendar: 'S', year: '25', month: '4', day: '1' });
  });
});

describe('a reading in Latin letters', () => {
  it('is said, not refused, when the name is written in kanji or kana', async () => {
    await show({ values: { name: '山田 花子', nameKana: 'yamada hanako' } });
    const hint = () => q('#p-nameKana')?.getAttribute('aria-describedby') ?? '';
    const described = () =>
      hint()
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    expect(described()).toContain('フリガナがローマ字になっています');
    // A name in Latin letters (a foreign resident's card), or a reading in kana: nothing to say.
    await show({ values: { name: 'SMITH JOHN', nameKana: 'SMITH JOHN' } });
    expect(described()).not.toContain('ローマ字になっています');
    await show({ values: { name: '山田 花子', nameKana: 'やまだ はなこ' } });
    expect(described()).not.toContain('ローマ字になっています');
    expect(latinReadingOfJapaneseName({ name: '王 偉', nameKana: 'ＷＡＮＧ ＷＥＩ' })).toBe(true);
    expect(latinReadingOfJapaneseName({ name: 'Nguyen Van An', nameKana: 'NGUYEN VAN AN' })).toBe(
      false,
    );
  });
});
