declare var __termCount: number | undefined;
