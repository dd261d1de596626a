/** Each provider's export read from a realistic file: BOM, CRLF, quoted commas, credits, refunds, tax. */
import { describe, expect, it } from 'vitest';
import { readHeaders } from '../../../../src-renderer/csv/read-csv.ts';
import { detectFormat } from '../../../../src-renderer/cost-import/scan.ts';
import { describeError } from '../../../../src-renderer/cost-import/cost-line.ts';
import { headerCurrency } from '../../../../src-renderer/cost-import/provider-formats.ts';
import { fixture, scanProvider, summary } from './fixtures.ts';

describe('AWS Cost and Usage Report', () => {
  it('adds a day’s lines per service (credits and refunds included), tax apart, each total rounded once', async () => {
    const { source, label, scan } = await scanProvider(fixture('aws-cur.csv'));
    expect([source, label]).toEqual(['aws-cur', 'AWS Cost and Usage Report']);
    expect(scan.rows).toBe(59);
    expect(scan.errors).toEqual([]);
    // EC2: 8 × 1.006 − 2.50 credit = 5.548 → 5.55. Lambda: 8 × 0.0014 = 0.0112 → 0.01 (each line alone is 0.00).
    // S3 stays under half a cent each day (0.0004929; 0.0002929 after a refund): nothing to import.
    expect(summary(scan)).toEqual([
      '2026-11-01 AWS: Amazon Elastic Compute Cloud (tax), account 123456789012 143 USD',
      '2026-11-01 AWS: Amazon Elastic Compute Cloud, account 123456789012 555 USD',
      '2026-11-01 AWS: AWS Lambda, account 123456789012 1 USD',
      '2026-11-02 AWS: Amazon Elastic Compute Cloud, account 123456789012 555 USD',
      '2026-11-02 AWS: AWS Lambda, account 123456789012 1 USD',
      '2026-11-03 AWS: Amazon Elastic Compute Cloud, account 123456789012 555 USD',
      '2026-11-03 AWS: AWS Lambda, account 123456789012 1 USD',
    ]);
    expect(scan.zeroGroups).toBe(3);
    expect(scan.groups[1]?.key).toBe('123456789012|2026-11-01|AmazonEC2|USD');
    expect(scan.groups[1]?.lines).toBe(9);
  });

  it('names each unreadable line and field in words', async () => {
    const { scan } = await scanProvider(fixture('aws-cur-bad.csv'));
    expect(scan.errors.map(describeError)).toEqual([
      'Line 7: lineItem/UsageStartDate: "yesterday" is not a date.',
      'Line 14: lineItem/UnblendedCost: "12,3.4" is not an amount.',
    ]);
    expect(scan.errorCount).toBe(2);
  });

  it('counts a quote left open as an unreadable line, so the file cannot be imported', async () => {
    const broken = `${fixture('aws-cur.csv').split('\r\n').slice(0, 3).join('\r\n')}\r\nli9,x,1,1,Usage,2026-11-01T00:00:00Z,x,AmazonEC2,u,1,USD,1,1,"unclosed,Amazon Elastic Compute Cloud\r\n`;
    const { scan } = await scanProvider(broken);
    expect(scan.errorCount).toBeGreaterThan(0);
    expect(scan.errors.map(describeError)).toContain('Line 4: the file: a quoted field is not closed.');
  });

  it('sends a file with a renamed column to the mapping, with the columns preselected', async () => {
    const detection = detectFormat(await readHeaders(fixture('aws-cur-renamed.csv')));
    expect(detection.kind).toBe('mapping');
    if (detection.kind !== 'mapping') return;
    expect(detection.resembles?.id).toBe('aws-cur');
    expect(detection.suggestion).toMatchObject({
      amount: 'lineItem/UnblendedCostUSD',
      date: 'lineItem/UsageStartDate',
      currency: 'lineItem/CurrencyCode',
    });
    // Adding up per day: the line id (new in every AWS delivery) is not offered as the key.
    expect(detection.suggestion.id).toBeUndefined();
  });
});

describe('AWS Cost Explorer download', () => {
  it('reads services across and days down, skipping the totals', async () => {
    const { source, scan } = await scanProvider(fixture('aws-cost-explorer.csv'));
    expect(source).toBe('aws-cost-explorer');
    expect(summary(scan)).toEqual([
      '2026-11-01 AWS: EC2-Instances 1610 USD',
      '2026-11-01 AWS: S3 1 USD',
      '2026-11-01 AWS: Tax 143 USD',
      '2026-11-02 AWS: EC2-Instances 1610 USD',
      '2026-11-02 AWS: S3 1 USD',
      '2026-11-03 AWS: EC2-Instances 1609 USD',
    ]);
  });
});

describe('Google Cloud billing', () => {
  it('uses the unrounded cost, the currency from the header, the day as written in Pacific time', async () => {
    const { source, scan } = await scanProvider(fixture('gcp-billing.csv'));
    expect(source).toBe('gcp');
    // Compute Engine: 7.3512 + 3.046464 − 2.205360 (committed use discount) = 8.192304 → 8.19.
    // Cloud Storage on the 2nd: 0.025 and an adjustment of −0.025 net to zero.
    expect(summary(scan)).toEqual([
      '2026-11-01 Google Cloud: Cloud Storage, vision-lab-4711 3 EUR',
      '2026-11-01 Google Cloud: Compute Engine, vision-lab-4711 819 EUR',
      '2026-11-01 Google Cloud: Vertex AI, vision-lab-4711 9 EUR',
      '2026-11-02 Google Cloud: Compute Engine, vision-lab-4711 819 EUR',
      '2026-11-02 Google Cloud: Vertex AI, vision-lab-4711 9 EUR',
    ]);
    expect(scan.zeroGroups).toBe(1);
  });

  it('reads the currency in a cost header', () => {
    expect(headerCurrency('Cost ($)')).toBe('USD');
    expect(headerCurrency('Cost (€)')).toBe('EUR');
    expect(headerCurrency('Cost (CHF)')).toBe('CHF');
    expect(headerCurrency('Cost (XYZ)')).toBeNull();
    expect(headerCurrency('Cost')).toBeNull();
  });

  it('without a currency anywhere, asks for the mapping', () => {
    const detection = detectFormat(['Service description', 'SKU description', 'Usage start date', 'Cost']);
    expect(detection.kind).toBe('mapping');
    if (detection.kind === 'mapping') expect(detection.resembles?.id).toBe('gcp');
  });
});

describe('OpenAI costs', () => {
  it('keys by project, day and line item; currency upper-cased; many decimals rounded once', async () => {
    const { source, scan } = await scanProvider(fixture('openai-costs.csv'));
    expect(source).toBe('openai');
    expect(summary(scan).slice(0, 4)).toEqual([
      '2026-11-01 OpenAI: fine-tuning, training, Αθήνα pilot 1250 USD',
      '2026-11-01 OpenAI: gpt-4.1, input, Αθήνα pilot 123 USD',
      '2026-11-01 OpenAI: gpt-4.1, output, Αθήνα pilot 300 USD',
      '2026-11-02 OpenAI: fine-tuning, training, Αθήνα pilot 1250 USD',
    ]);
    // proj_def456's 0.004999 rounds to nothing.
    expect(scan.groups.some((g) => g.key.startsWith('proj_def456'))).toBe(false);
    expect(scan.groups).toHaveLength(9);
    expect(scan.zeroGroups).toBe(1);
  });
});
