import type { PhotoRequest } from '../shared/protocol.ts';

/** A small seeded PRNG (mulberry32): the same seed draws the same photo in every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hsl = (h: number, s: number, l: number, a = 1) => `hsla(${h.toFixed(0)}, ${s.toFixed(0)}%, ${l.toFixed(0)}%, ${a.toFixed(2)})`;

/**
 * A landscape that an encoder treats like a photo: a graded sky and sun,
 * soft clouds and hills, shapes at several scales, grass strokes, and a fine
 * grain over everything. Neither flat colour (which encodes to almost
 * nothing) nor pure noise (which no photo is). The soft layer is drawn at an
 * eighth of the size and scaled up, which blurs it for free: a canvas
 * `filter` on a 12-megapixel canvas took a minute per photo.
 */
function draw(context: OffscreenCanvasRenderingContext2D, width: number, height: number, next: () => number): number {
  const hue = next() * 360;
  const horizon = height * (0.45 + next() * 0.15);

  const soft = new OffscreenCanvas(Math.ceil(width / 8), Math.ceil(height / 8));
  const back = soft.getContext('2d');
  if (!back) throw new Error('No 2D canvas to draw the test photo on.');
  back.scale(1 / 8, 1 / 8);
  const sky = back.createLinearGradient(0, 0, 0, horizon);
  sky.addColorStop(0, hsl(hue + 200, 60, 35));
  sky.addColorStop(0.7, hsl(hue + 190, 55, 65));
  sky.addColorStop(1, hsl(hue + 30, 70, 80));
  back.fillStyle = sky;
  back.fillRect(0, 0, width, horizon + 8);

  const sunX = width * (0.2 + next() * 0.6);
  const sunY = horizon * (0.3 + next() * 0.4);
  const sun = back.createRadialGradient(sunX, sunY, 0, sunX, sunY, width * 0.35);
  sun.addColorStop(0, hsl(50, 100, 95, 0.95));
  sun.addColorStop(0.08, hsl(45, 100, 80, 0.6));
  sun.addColorStop(1, hsl(40, 100, 70, 0));
  back.fillStyle = sun;
  back.fillRect(0, 0, width, horizon + 8);

  for (let i = 0; i < 60; i += 1) {
    back.fillStyle = hsl(hue + 200, 20, 85 + next() * 10, 0.2 + next() * 0.35);
    back.beginPath();
    back.ellipse(next() * width, next() * horizon * 0.8, width * (0.03 + next() * 0.1), height * (0.01 + next() * 0.03), 0, 0, Math.PI * 2);
    back.fill();
  }

  // Hills: three layers, nearer ones darker.
  for (let layer = 0; layer < 3; layer += 1) {
    const top = horizon - height * (0.12 - layer * 0.04);
    const ground = back.createLinearGradient(0, top, 0, height);
    ground.addColorStop(0, hsl(hue + 90 + layer * 15, 35 + layer * 10, 55 - layer * 12));
    ground.addColorStop(1, hsl(hue + 70 + layer * 10, 40 + layer * 10, 25 - layer * 5));
    back.fillStyle = ground;
    back.beginPath();
    back.moveTo(0, height);
    const steps = 24;
    for (let s = 0; s <= steps; s += 1) back.lineTo((s / steps) * width, top + (next() - 0.5) * height * 0.08 + layer * height * 0.08);
    back.lineTo(width, height);
    back.closePath();
    back.fill();
  }

  // Out-of-focus shapes in the background.
  for (let i = 0; i < 300; i += 1) {
    const y = horizon - height * 0.1 + next() * height * 0.3;
    const size = width * (0.004 + next() * 0.02);
    back.fillStyle = hsl(hue + 80 + next() * 60, 30 + next() * 40, 20 + next() * 40, 0.8);
    back.beginPath();
    back.ellipse(next() * width, y, size, size * (1 + next()), 0, 0, Math.PI * 2);
    back.fill();
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(soft, 0, 0, width, height);

  // Trees and rocks in focus, larger nearer.
  for (let i = 0; i < 800; i += 1) {
    const y = horizon + next() * (height - horizon);
    const depth = (y - horizon) / (height - horizon);
    const size = width * (0.002 + depth * depth * 0.03) * (0.5 + next());
    const body = context.createLinearGradient(0, y - size, 0, y + size);
    body.addColorStop(0, hsl(hue + 80 + next() * 60, 30 + next() * 40, 30 + next() * 30));
    body.addColorStop(1, hsl(hue + 60 + next() * 60, 30 + next() * 40, 10 + next() * 20));
    context.fillStyle = body;
    context.beginPath();
    context.ellipse(next() * width, y, size * (0.6 + next()), size * (0.8 + next() * 1.5), (next() - 0.5) * 0.6, 0, Math.PI * 2);
    context.fill();
  }

  // Grass: thin strokes in the foreground, where a photo has its finest detail.
  context.lineWidth = Math.max(1, width / 2000);
  for (let i = 0; i < 20_000; i += 1) {
    const x = next() * width;
    const y = horizon + (0.4 + 0.6 * next()) * (height - horizon);
    const length = height * (0.005 + next() * 0.02) * ((y - horizon) / (height - horizon));
    context.strokeStyle = hsl(hue + 70 + next() * 50, 40 + next() * 30, 20 + next() * 35, 0.7);
    context.beginPath();
    context.moveTo(x, y);
    context.lineTo(x + (next() - 0.5) * length * 0.6, y - length);
    context.stroke();
  }
  return horizon;
}

/**
 * Texture at several scales, as foliage and ground have: random grey tiles
 * at 1/32, 1/8 and 1/2 of the size, scaled up smoothly (value noise) and
 * laid over the land in soft light. The sky keeps its smooth gradient.
 */
function addTexture(context: OffscreenCanvasRenderingContext2D, width: number, height: number, top: number, next: () => number): void {
  context.save();
  context.beginPath();
  context.rect(0, top, width, height - top);
  context.clip();
  context.globalCompositeOperation = 'soft-light';
  context.imageSmoothingQuality = 'high';
  for (const [scale, alpha] of [[32, 0.5], [8, 0.45], [2, 0.4]] as const) {
    const tile = new OffscreenCanvas(Math.ceil(width / scale), Math.ceil(height / scale));
    const tileContext = tile.getContext('2d');
    if (!tileContext) throw new Error('No 2D canvas to draw the test photo on.');
    const image = tileContext.createImageData(tile.width, tile.height);
    for (let i = 0; i < image.data.length; i += 4) {
      const grey = Math.floor(next() * 256);
      image.data[i] = grey;
      image.data[i + 1] = grey;
      image.data[i + 2] = grey;
      image.data[i + 3] = 255;
    }
    tileContext.putImageData(image, 0, 0);
    context.globalAlpha = alpha;
    context.drawImage(tile, 0, 0, width, height);
  }
  context.restore();
}

/** Sensor grain: a little luminance noise, the same on the three channels. */
function addGrain(context: OffscreenCanvasRenderingContext2D, width: number, height: number, seed: number): void {
  const band = 256;
  let state = seed * 2654435761;
  for (let top = 0; top < height; top += band) {
    const rows = Math.min(band, height - top);
    const image = context.getImageData(0, top, width, rows);
    const data = image.data;
    for (let i = 0; i < data.length; i += 4) {
      // xorshift32: fast, and good enough for grain.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const grain = ((state & 0xff) - 128) / 32;
      data[i] = data[i]! + grain;
      data[i + 1] = data[i + 1]! + grain;
      data[i + 2] = data[i + 2]! + grain;
    }
    context.putImageData(image, 0, top);
  }
}

/** A photo-like JPEG of `width` × `height` pixels at `quality`, base64 (what `page.evaluate` carries well). */
export async function makePhoto({ width, height, seed, quality }: PhotoRequest): Promise<string> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas to draw the test photo on.');
  const next = random(seed);
  const horizon = draw(context, width, height, next);
  addTexture(context, width, height, horizon - height * 0.15, next);
  addGrain(context, width, height, seed);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}
