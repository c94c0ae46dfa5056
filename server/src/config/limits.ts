/** Defaults the editor's settings and the CLI share, whoever runs the engine. */

/** Seconds the timeout quick fix writes when neither the settings nor the project say. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Larger files are not analysed (bytes of text, roughly): generated code, data in a .rs file. */
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
