// How the SDK reaches this server: the API URI is the address this page was loaded from.
export function apiUri(): string {
  return window.location.origin;
}

export function envLines(uri: string, key: string): string {
  return `export FIFTYONE_API_URI=${uri}\nexport FIFTYONE_API_KEY=${key}`;
}

export function configJson(uri: string, key: string): string {
  return JSON.stringify({ api_uri: uri, api_key: key }, null, 2);
}
