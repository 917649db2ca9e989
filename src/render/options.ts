// What every renderer is told: the display zone, colours (terminal only), and the terminal width.
export interface RenderOptions {
  tz: string;
  color: boolean;
  /** terminal columns to fit the table into; null or absent: --wide, nothing cut */
  width?: number | null;
}
