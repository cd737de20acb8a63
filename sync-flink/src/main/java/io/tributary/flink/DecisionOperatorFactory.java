package io.tributary.flink;

import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.CoordinatedOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Builds the {@link DecisionOperator} with its {@link PlanCoordinator}, its line to the split enumerator. */
final class DecisionOperatorFactory extends AbstractStreamOperatorFactory<Tuple3<String, Integer, byte[]>>
    implements OneInputStreamOperatorFactory<byte[], Tuple3<String, Integer, byte[]>>,
    CoordinatedOperatorFactory<Tuple3<String, Integer, byte[]>> {

  private static final long serialVersionUID = 1L;

  private final Definition definition;
  private final String key;

  DecisionOperatorFactory(Definition definition, String key) {
    this.definition = definition;
    this.key = key;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends StreamOperator<Tuple3<String, Integer, byte[]>>> T createStreamOperator(
      StreamOperatorParameters<Tuple3<String, Integer, byte[]>> parameters) {
    OperatorID id = parameters.getStreamConfig().getOperatorID();
    OperatorEventGateway gateway = parameters.getOperatorEventDispatcher().getOperatorEventGateway(id);
    DecisionOperator operator = new DecisionOperator(definition, parameters, new SnapshotPlans(gateway));
    parameters.getOperatorEventDispatcher().registerEventHandler(id, operator);
    return (T) operator;
  }

  @Override
  public OperatorCoordinator.Provider getCoordinatorProvider(String operatorName, OperatorID operatorID) {
    return new PlanCoordinator.Provider(operatorID, key);
  }

  @Override
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return DecisionOperator.class;
  }
}
