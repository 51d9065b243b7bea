// A matrix typed or selected by the user, read with the user's limits; errors name the setting or the cell.
import * as vscode from 'vscode';
import { limitErrorFor } from '../core/compute/limitSettings';
import { LimitError, type ComputeLimits } from '../core/numerics/limits';
import { MatrixParseError, parseMatrix, type ParsedMatrix } from '../core/numerics/parseMatrix';
import { settingHint } from './computeService';
import { translated } from '../core/l10n/localizable';

/** A matrix that could not be read; the message names the cell (from parseMatrix). */
export class MatrixInputError extends Error {
  override readonly name = 'MatrixInputError';
}

export function readMatrix(text: string, limits: ComputeLimits): ParsedMatrix {
  try {
    return parseMatrix(text, limits);
  } catch (error) {
    if (error instanceof LimitError) throw limitErrorFor(error, 'maxMatrixSize', /above the limit/.test(error.message), settingHint);
    if (error instanceof MatrixParseError) throw new MatrixInputError(vscode.l10n.t('Cannot read the matrix: {0}', translated(error.words, vscode.l10n.t)));
    throw error;
  }
}

