// The harness's readers for what a step produces: log commands, file commands, inputs.
import { describe, expect, it } from '@jest/globals';
import {
  inputEnv,
  inputEnvName,
  parseActionInputs,
  parseKeyValueFile,
  parseLog,
} from '../support/harness/index.ts';

describe('parseLog', () => {
  it('decodes annotations with their properties and escapes', () => {
    const stdout = [
      '::error file=roles/a%2Cb.yml,line=3,col=5,endLine=4,endColumn=9,title=Bad%3A role::first%0Asecond 100%25',
      '::warning file=groups.yml::value is %250A, not a newline',
      '::notice::all good',
      'plain line',
    ].join('\n');

    const log = parseLog(stdout);

    expect(log.annotations).toEqual([
      {
        severity: 'error',
        message: 'first\nsecond 100%',
        file: 'roles/a,b.yml',
        line: 3,
        col: 5,
        endLine: 4,
        endColumn: 9,
        title: 'Bad: role',
        properties: {
          file: 'roles/a,b.yml',
          line: '3',
          col: '5',
          endLine: '4',
          endColumn: '9',
          title: 'Bad: role',
        },
      },
      {
        severity: 'warning',
        message: 'value is %0A, not a newline',
        file: 'groups.yml',
        properties: { file: 'groups.yml' },
      },
      { severity: 'notice', message: 'all good', properties: {} },
    ]);
    expect(log.lines).toEqual(['plain line']);
    expect(log.commands.map((c) => c.lineNumber)).toEqual([1, 2, 3]);
  });

  it('collects masks, debug messages, groups and legacy outputs', () => {
    const stdout = [
      '::add-mask::s3cr3t',
      'token is s3cr3t',
      '::debug::looking at %5Bthings%5D',
      '::group::Plan account 111111111111',
      'line one',
      '::warning::inside',
      'line two',
      '::endgroup::',
      'after',
      '::set-output name=legacy::old%0Away',
      '',
    ].join('\r\n');

    const log = parseLog(stdout, ['ghs_token']);

    expect(log.masks).toEqual(['s3cr3t']);
    expect(log.debug).toEqual(['looking at %5Bthings%5D']);
    expect(log.groups).toEqual([{ title: 'Plan account 111111111111', lines: ['line one', 'line two'] }]);
    expect(log.legacyOutputs).toEqual({ legacy: 'old\nway' });
    expect(log.maskedStdout).toContain('token is ***');
    expect(log.maskedStdout).not.toContain('s3cr3t');
  });

  it('ignores commands between ::stop-commands:: and its token', () => {
    const log = parseLog(
      ['::stop-commands::pause', '::error::not really', '::pause::', '::error::real'].join('\n'),
    );
    expect(log.annotations.map((a) => a.message)).toEqual(['real']);
    expect(log.lines).toEqual(['::error::not really']);
  });
});

describe('parseKeyValueFile', () => {
  it('reads name=value lines and heredocs', () => {
    const file = [
      'has-changes=true',
      'plan-markdown<<ghadelimiter_123',
      '# Plan',
      '',
      'a=b << c',
      'ghadelimiter_123',
      'empty=',
      '',
    ].join('\n');
    expect(parseKeyValueFile(file)).toEqual({
      values: { 'has-changes': 'true', 'plan-markdown': '# Plan\n\na=b << c', empty: '' },
      errors: [],
    });
  });

  it('reports a heredoc without its closing delimiter', () => {
    expect(parseKeyValueFile('x<<EOF\nvalue\n').errors).toEqual([
      'Line 1: matching delimiter not found "EOF"',
    ]);
  });
});

describe('inputs', () => {
  it('names INPUT_ variables as the runner does', () => {
    expect(inputEnvName('max-concurrency')).toBe('INPUT_MAX-CONCURRENCY');
    expect(inputEnvName('github-token')).toBe('INPUT_GITHUB-TOKEN');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('fills action.yml defaults, evaluating ${{ github.token }}', () => {
    const declared = parseActionInputs(
      [
        'inputs:',
        '  command: { default: auto }',
        '  github-token: { default: "${{ github.token }}" }',
        "  max-concurrency: { default: '8' }",
        '  confirm: { required: false }',
      ].join('\n'),
    );
    const env = inputEnv({
      declared,
      given: { 'max-concurrency': 2, command: undefined },
      context: { 'github.token': 'ghs_abc' },
    });
    expect(env).toEqual({
      INPUT_COMMAND: 'auto',
      'INPUT_GITHUB-TOKEN': 'ghs_abc',
      'INPUT_MAX-CONCURRENCY': '2',
    });
    expect(() => inputEnv({ declared, given: { comand: 'plan' }, context: {} })).toThrow(
      /Unexpected input\(s\) 'comand'/,
    );
  });
});
