package main

import "time"

type Job struct{ id int }

func work(j *Job, n int) {
	j.id += n
}

func main() {
	j := &Job{id: 1}
	go work(j, 2)
	time.Sleep(time.Millisecond)
}
