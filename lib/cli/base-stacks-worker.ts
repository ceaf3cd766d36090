import { parentPort, workerData } from 'node:worker_threads';
import { readBaseStacks, type BaseStacksRequest } from './base-stacks';

parentPort?.postMessage(readBaseStacks(workerData as BaseStacksRequest));
