import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api.js";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (404, 403 …) will not heal by retrying; network and 5xx get one more try.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
});
