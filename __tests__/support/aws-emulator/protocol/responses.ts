import type { AwsError } from '../errors.ts';
import { element, escapeXml, renderFields, type XmlObject } from './xml.ts';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** `<XResponse><XResult>..</XResult><ResponseMetadata>..</ResponseMetadata></XResponse>` */
export function successXml(
  action: string,
  xmlns: string,
  result: XmlObject | undefined,
  requestId: string,
): string {
  const resultXml = result === undefined ? '' : `<${action}Result>${renderFields(result)}</${action}Result>`;
  const metadata = `<ResponseMetadata>${element('RequestId', requestId)}</ResponseMetadata>`;
  return `${XML_DECLARATION}<${action}Response xmlns="${escapeXml(xmlns)}">${resultXml}${metadata}</${action}Response>`;
}

export function errorXml(error: AwsError, xmlns: string | undefined, requestId: string): string {
  const ns = xmlns === undefined ? '' : ` xmlns="${escapeXml(xmlns)}"`;
  const body = renderFields({ Type: error.type, Code: error.code, Message: error.message });
  return `${XML_DECLARATION}<ErrorResponse${ns}><Error>${body}</Error>${element('RequestId', requestId)}</ErrorResponse>`;
}
