// The kinds of post a merchant can choose to show (shared by the server and the page, without zod).
export const MEDIA_TYPE_CHOICES = ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"] as const;
export type MediaTypeChoice = (typeof MEDIA_TYPE_CHOICES)[number];

export const MEDIA_TYPE_LABELS: Record<MediaTypeChoice, string> = {
  IMAGE: "Photos",
  VIDEO: "Videos",
  CAROUSEL_ALBUM: "Carousels",
  REELS: "Reels",
};

/** How often a source can sync, in minutes, with the words the page uses. */
export const SCHEDULE_OPTIONS = [
  { minutes: 15, label: "Every 15 minutes" },
  { minutes: 60, label: "Hourly" },
  { minutes: 360, label: "Every 6 hours" },
  { minutes: 1440, label: "Daily" },
] as const;
