// A stand-in for your auth (Auth.js, Clerk, a session cookie): the signed-in user's id, or undefined.
export function currentUserId(cookieHeader: string | null): string | undefined {
  const match = /(?:^|;\s*)user=([^;]+)/.exec(cookieHeader ?? '');
  return match ? decodeURIComponent(match[1]!) : undefined;
}
