import { buildApp } from './app';

buildApp(process.env['CDK_OUTDIR'] ?? 'cdk.out').synth();
