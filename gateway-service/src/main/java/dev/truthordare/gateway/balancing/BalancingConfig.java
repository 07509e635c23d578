package dev.truthordare.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every service's load balancer leaves out ejected instances. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = EjectingBalancerConfiguration.class)
class BalancingConfig {

}
