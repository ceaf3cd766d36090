import { buildApp } from './app';

buildApp(process.env['CDKTF_OUTDIR'] ?? 'cdktf.out').synth();
