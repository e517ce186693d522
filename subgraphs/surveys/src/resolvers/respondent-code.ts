// Checks of the `respondentCode` arguments that name a unit of a survey's audience.
import type { Context } from '../context.js';
import { badInput, type Bilingual } from '../errors.js';

/**
 * Returns a `respondentCode` without outer whitespace, or undefined when it is left out. A blank
 * code throws BAD_USER_INPUT naming `field`, because read as absent it would mean the caller's
 * own organisation. `instead` ends the message with what else the caller may do.
 */
export function respondentCodeArgument(
  ctx: Context,
  field: string,
  value: string | null | undefined,
  instead?: Bilingual,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  const code = value.trim();
  if (code !== '') return code;
  throw badInput(
    ctx.locale,
    field,
    {
      en: `the respondent code is empty; give the code of an organisation the survey asks${instead ? `, ${instead.en}` : ''}`,
      vi: `mã đơn vị trả lời đang để trống; hãy nhập mã của một đơn vị thuộc đối tượng khảo sát${instead ? `, ${instead.vi}` : ''}`,
    },
    value,
  );
}
