// Entry point of the `dxhub` command: runs the CLI with this process's arguments.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
