/**
 * The real `khabar` command line, compiled with the other bench servers (bench/tsconfig.json)
 * so that load runs execute plain JavaScript as production does: `node serve.js serve`.
 */
import '../../src/main.js';
