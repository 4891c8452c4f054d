package main

import "time"

var done bool

func worker() {
	done = true
}

func main() {
	go worker()
	time.Sleep(time.Millisecond)
	println(done)
}
