import { describeEventStoreConformance } from '../testing/conformance';
import { wireLevelHarness } from './testing/wire-level-harness';

// The shared suite through the real client, over gRPC, against the wire-level test server.
describeEventStoreConformance(wireLevelHarness());
