#!/usr/bin/env node
import { runFromProcess } from './process.js';

runFromProcess();
