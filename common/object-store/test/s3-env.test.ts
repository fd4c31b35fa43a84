import { describe, expect, it } from 'vitest';

import { z } from '@partyline/contracts';
import { s3EnvShape, s3SettingsFromEnv } from '@partyline/object-store';

const Env = z.object(s3EnvShape);
const settings = (env: Record<string, string>) => s3SettingsFromEnv(Env.parse(env));

describe('the S3_* variables', () => {
  it('when S3_BUCKET is unset, then the storage is off', () => {
    expect(settings({ S3_ENDPOINT: 'http://127.0.0.1:8333', S3_CREATE_BUCKET: 'true' })).toBeUndefined();
  });

  it('when only the bucket is set (AWS: the task role signs), then the region and flags take their defaults', () => {
    expect(settings({ S3_BUCKET: 'partyline-attachments' })).toEqual({
      bucket: 'partyline-attachments',
      region: 'us-east-1',
      forcePathStyle: false,
      createBucket: false,
    });
  });

  it('when a local gateway is named, then every variable reaches the settings', () => {
    expect(
      settings({
        S3_BUCKET: ' partyline-attachments ',
        S3_REGION: 'eu-west-1',
        S3_ENDPOINT: 'http://seaweedfs:8333',
        S3_PUBLIC_ENDPOINT: 'http://localhost:8333',
        S3_ACCESS_KEY_ID: 'partyline-dev',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
        S3_CREATE_BUCKET: 'true',
      }),
    ).toEqual({
      bucket: 'partyline-attachments',
      region: 'eu-west-1',
      endpoint: 'http://seaweedfs:8333',
      publicEndpoint: 'http://localhost:8333',
      accessKeyId: 'partyline-dev',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      createBucket: true,
    });
  });

  it('when a value is malformed, then parsing names the variable', () => {
    const parsed = Env.safeParse({ S3_BUCKET: 'ab', S3_ENDPOINT: 'not a url', S3_FORCE_PATH_STYLE: 'maybe' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_FORCE_PATH_STYLE',
    ]);
  });
});
