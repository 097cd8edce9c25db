// Moving a teacher's formula with its row reads as a copy and paste would.
import { moveFormula } from '../../src/sheets/store/formula';

describe('moveFormula', () => {
  it.each([
    ['=AND(I2="Yes",J2="Yes")', 3, 0, '=AND(I5="Yes",J5="Yes")'],
    ['=VLOOKUP(B2,Students!A:C,3,FALSE)', 5, 0, '=VLOOKUP(B7,Students!A:C,3,FALSE)'],
    ['=SUM($A$2:A2)', 2, 0, '=SUM($A$2:A4)'],
    ['=$B2&B$2', 1, 1, '=$B3&C$2'],
    ["='Pairs (old)'!C4", -1, 0, "='Pairs (old)'!C3"],
    ['=LOG10(A2)+ATAN2(B2,C2)', 1, 0, '=LOG10(A3)+ATAN2(B3,C3)'],
    ['=IF(A2="B2","A2",A2)', 1, 0, '=IF(A3="B2","A2",A3)'],
    ['=COUNTIF(G:G,"Held")', 10, 0, '=COUNTIF(G:G,"Held")'],
    ['=SUM(2:2)', 1, 0, '=SUM(3:3)'],
    ['=A2', -2, 0, '=#REF!'],
    ['=my_range1+1E5', 4, 0, '=my_range1+1E5'],
  ])('%s moved by %i rows and %i columns is %s', (formula, rows, columns, moved) => {
    expect(moveFormula(formula, rows, columns)).toBe(moved);
  });

  it('leaves a formula in place unchanged', () => {
    expect(moveFormula('=A1+"x"', 0, 0)).toBe('=A1+"x"');
  });
});
