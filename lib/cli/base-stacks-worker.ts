import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { FileReadings } from '../request';
import { digestBaseSnapshot, takeBaseSnapshot, type BaseStacksWorkerData } from './base-stacks';

const port = parentPort as MessagePort;
const { request } = workerData as BaseStacksWorkerData;
// Git is read while the working tree is; the files then wait for the working tree's readings.
const snapshot = takeBaseSnapshot(request);
port.once('message', (readings: FileReadings | null) => {
  port.postMessage(digestBaseSnapshot(request, snapshot, readings ?? undefined));
});
