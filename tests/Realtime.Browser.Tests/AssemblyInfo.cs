// One browser at a time: Chromium beside an api host is heavy on a 2-core CI machine, and xunit 2 honours
// [Fact(Timeout)] only when tests do not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
