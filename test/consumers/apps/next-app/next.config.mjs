/** Next.js 16's defaults (Turbopack builds). */
export default {};
