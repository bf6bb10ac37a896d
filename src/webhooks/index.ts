// Public exports of src/webhooks/ are added here.
export {};
