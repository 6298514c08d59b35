output "cluster_uri" {
  description = "The cluster to pass to `jugcloud submit --cluster` (from a machine in the VPC with the fleet's security group)."
  value       = local.cluster_uri
}

output "jugdir_uri" {
  description = "The results store to pass to `jugcloud submit --jugdir`."
  value       = local.jugdir_uri
}

output "fleet_security_group_id" {
  description = "The security group that opens the silo and gateway ports: give it to the machine that submits."
  value       = aws_security_group.fleet.id
}

output "autoscaling_group_name" {
  description = "The silos' auto scaling group."
  value       = aws_autoscaling_group.silos.name
}
